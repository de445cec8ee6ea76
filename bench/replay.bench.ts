/**
 * The prequential MovieLens replay (issue "Real data a researcher can cite"). Needs ml-latest-small in
 * $DRIFT_LAB_MOVIELENS, ./data/ml-latest-small or ../shared/data/ml-latest-small (the cases that need it say so
 * and stop otherwise). Speed is reported as ratios measured side by side in this run, never as absolute targets:
 *  - `full`: `drift-lab replay` of the whole release with the default policy set (target ≤ 60 s), and the code
 *    before this issue ($DRIFT_LAB_OLD, a checkout with node_modules; default /work/ref/old54) against this code
 *    on the first OLD_PREFIX ratings with each one's default set, both as child processes;
 *  - `previous`: the whole release, default set, with an earlier checkout of this code ($DRIFT_LAB_PREVIOUS) and
 *    this one, one after the other in this run, with their outputs compared byte for byte (but timings);
 *  - `reference`: popularity + mf over the first 10,000 ratings, the lab's Replay against the plain typed-array loop
 *    of replay-reference.ts doing the same work (target: within 10×);
 *  - `isgd`: hit@10 on the held-out part (after the tuning slice) of the lab's mf against textbook ISGD
 *    (replay-reference.ts, positive-only) with the same dimension and rate;
 *  - `ml1m`: the whole replay of ml-1m ($DRIFT_LAB_ML1M, ./data/ml-1m or ../shared/data/ml-1m: `drift-lab data
 *    fetch movielens --release ml-1m`), else of a synthetic ml-1m-sized release (synthetic-ml1m.ts), default set,
 *    with its peak memory (target ≤ 15 min).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ROOT } from "../cli/files.js";
import { readMovieLens, releaseFormat } from "../cli/movielens.js";
import { buildTimeline, DEFAULT_REPLAY_OPTIONS, Replay, REPLAY_COMPONENT_OPTIONS, replaySettings, tuningSliceEnd, type MovieLensDataset } from "../lib/index.js";
import { referenceReplay, type ReferenceMf } from "./replay-reference.js";
import type { BenchCase } from "./run.js";
import { writeSyntheticMl1m } from "./synthetic-ml1m.js";

const OLD = process.env.DRIFT_LAB_OLD ?? "/work/ref/old54";
const OLD_PREFIX = Number(process.env.OLD_PREFIX ?? 5000);
const REFERENCE_RATINGS = 10_000;

function dataDir(): string | null {
  const candidates = [process.env.DRIFT_LAB_MOVIELENS, join(ROOT, "data", "ml-latest-small"), join(ROOT, "..", "shared", "data", "ml-latest-small"), "/work/shared/data/ml-latest-small"];
  for (const dir of candidates) if (dir && existsSync(dir) && releaseFormat(resolve(dir))) return resolve(dir);
  return null;
}

/** `drift-lab replay` of a checkout as a child process: its own reported seconds and peak memory (and its outputs in `keep`). */
function cliReplay(root: string, data: string, extra: string[], keep?: string): { seconds: number; cpu: number; peakMB: number; stdout: string } {
  const out = keep ?? mkdtempSync(join(tmpdir(), "bench-replay-"));
  try {
    const r = spawnSync("/usr/bin/time", ["-f", "peak-kb %M cpu %U %S", process.execPath, join(root, "bin/drift-lab.js"), "replay", "--data", data, "--out", out, ...extra], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`${root}: replay failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const seconds = Number(/replayed \d+ ratings in \d+ batches, ([\d.]+) s/.exec(r.stdout)?.[1]);
    const peakMB = Number(/peak-kb (\d+)/.exec(r.stderr)?.[1]) / 1024;
    const cpuMatch = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
    const cpu = Number(cpuMatch?.[1]) + Number(cpuMatch?.[2]);
    return { seconds, cpu, peakMB, stdout: r.stdout };
  } finally {
    if (!keep) rmSync(out, { recursive: true, force: true });
  }
}

function table(stdout: string): string {
  return stdout.split("\n").filter((l) => l && !l.startsWith("Data:")).join("\n");
}

async function load(): Promise<{ dir: string; data: MovieLensDataset } | null> {
  const dir = dataDir();
  if (!dir) {
    console.log("no ml-latest-small found: set DRIFT_LAB_MOVIELENS (skipped)");
    return null;
  }
  return { dir, data: await readMovieLens(dir) };
}

/** The replay's mf settings, as the reference loop takes them. */
function replayMf(solver?: ReferenceMf["solver"]): ReferenceMf {
  const o = REPLAY_COMPONENT_OPTIONS.mf as { solver: "isgd" | "isgd-bpr"; dim: number; lr: number; l2: number; randomNegatives: number };
  return { solver: solver ?? o.solver, dim: o.dim, lr: o.lr, l2: o.l2, negatives: o.randomNegatives, initSd: 0.1 };
}

export const cases: BenchCase[] = [
  {
    name: "full",
    async run() {
      const found = await load();
      if (!found) return;
      const full = cliReplay(ROOT, found.dir, []);
      console.log(table(full.stdout));
      console.log(`full ml-latest-small, default set: ${full.seconds.toFixed(1)} s wall (replay loop), ${full.cpu.toFixed(1)} s CPU (whole process), peak ${full.peakMB.toFixed(0)} MB (target ≤ 60 s)`);
      if (!existsSync(join(OLD, "bin/drift-lab.js"))) {
        console.log(`no old checkout at ${OLD} (DRIFT_LAB_OLD): no side-by-side ratio`);
        return;
      }
      const limit = ["--limit", String(OLD_PREFIX)];
      const old = cliReplay(OLD, found.dir, limit);
      const now = cliReplay(ROOT, found.dir, limit);
      const oldNoGru = cliReplay(OLD, found.dir, [...limit, "--components", "popularity,item-cf,user-cf,content,mf"]);
      const line = (what: string, a: { seconds: number; cpu: number }) => `${what}: ${a.seconds.toFixed(1)} s wall, ${a.cpu.toFixed(1)} s CPU`;
      console.log(`first ${OLD_PREFIX} ratings, each one's default set:`);
      console.log(`  ${line("old (with the GRU)", old)}\n  ${line("old without the GRU (the new default components)", oldNoGru)}\n  ${line("new", now)}`);
      console.log(`  ratio old / new: ${(old.seconds / now.seconds).toFixed(1)}× wall, ${(old.cpu / now.cpu).toFixed(1)}× CPU; without the GRU ${(oldNoGru.seconds / now.seconds).toFixed(1)}× wall, ${(oldNoGru.cpu / now.cpu).toFixed(1)}× CPU`);
      console.log(`  the issue measured the old full replay at 1,704 s: ${(1704 / full.seconds).toFixed(1)}× this run's full replay (not side by side)`);
    },
  },
  {
    name: "previous",
    async run() {
      const found = await load();
      const previous = process.env.DRIFT_LAB_PREVIOUS;
      if (!found) return;
      if (!previous || !existsSync(join(previous, "bin/drift-lab.js"))) {
        console.log("set DRIFT_LAB_PREVIOUS to an earlier checkout of drift-lab (with node_modules) to compare with it (skipped)");
        return;
      }
      const dirs = [mkdtempSync(join(tmpdir(), "bench-previous-")), mkdtempSync(join(tmpdir(), "bench-now-"))];
      try {
        const before = cliReplay(previous, found.dir, [], join(dirs[0], "out"));
        const now = cliReplay(ROOT, found.dir, [], join(dirs[1], "out"));
        const files = ["replay.csv", "weights.csv", "windows.csv", "held-out.csv", "differences.csv"];
        const differ = files.filter((f) => !existsSync(join(dirs[0], "out", f)) || readFileSync(join(dirs[0], "out", f), "utf8") !== readFileSync(join(dirs[1], "out", f), "utf8"));
        console.log(`full ml-latest-small, default set, one after the other: ${previous} ${before.seconds.toFixed(1)} s (${before.cpu.toFixed(1)} s CPU), this code ${now.seconds.toFixed(1)} s (${now.cpu.toFixed(1)} s CPU): ${(before.seconds / now.seconds).toFixed(2)}× wall`);
        console.log(differ.length ? `  outputs differ: ${differ.join(", ")}` : `  outputs byte for byte the same (${files.join(", ")})`);
      } finally {
        for (const d of dirs) rmSync(d, { recursive: true, force: true });
      }
    },
  },
  {
    name: "reference",
    async run() {
      const found = await load();
      if (!found) return;
      const { data } = found;
      const components = ["popularity", "mf"];
      const policies = components.map((c) => ({ name: c, kind: "static", weights: { [c]: 1 } }));
      const settings = replaySettings(components, ["static"], DEFAULT_REPLAY_OPTIONS.policy);
      const t0 = performance.now();
      const replay = new Replay(data, { components, policies, limit: REFERENCE_RATINGS, ...settings });
      const result = replay.run();
      replay.dispose();
      const lab = (performance.now() - t0) / 1000;
      const timeline = buildTimeline(data, REFERENCE_RATINGS, 1);
      const o = replay.options;
      const ref = referenceReplay(data, timeline, {
        k: o.k,
        positive: o.positive,
        purchase: o.purchase,
        popularityDecay: REPLAY_COMPONENT_OPTIONS.popularity.decay as number,
        mf: replayMf(),
        countFrom: 0,
        seed: 1,
      });
      const hit = (x: { events: number; hits: number }) => (x.hits / x.events).toFixed(4);
      console.log(`popularity + mf, first ${REFERENCE_RATINGS} ratings (${result.summary[0].events} positive events)`);
      console.log(`  lab Replay (build, score, normalise, rank, feedback, learn): ${lab.toFixed(2)} s; hit@10 popularity ${result.summary[0].hit.toFixed(4)}, mf ${result.summary[1].hit.toFixed(4)}`);
      console.log(`  reference loop (replay-reference.ts):                         ${ref.seconds.toFixed(2)} s; hit@10 popularity ${hit(ref.popularity)}, mf ${hit(ref.mf)}`);
      console.log(`  ratio lab / reference: ${(lab / ref.seconds).toFixed(1)}× (target ≤ 10×)`);
    },
  },
  {
    name: "isgd",
    async run() {
      const found = await load();
      if (!found) return;
      const { data } = found;
      const policies = [{ name: "mf", kind: "static", weights: { mf: 1 } }];
      const settings = replaySettings(["mf"], ["static"], DEFAULT_REPLAY_OPTIONS.policy);
      const replay = new Replay(data, { components: ["mf"], policies, ...settings });
      const result = replay.run();
      replay.dispose();
      const timeline = buildTimeline(data, Infinity, 1);
      const o = replay.options;
      const common = { k: o.k, positive: o.positive, purchase: o.purchase, popularityDecay: 1, countFrom: tuningSliceEnd(timeline.count), seed: 1 };
      console.log(`held-out part: ratings ${result.heldOutFrom} to ${timeline.count}, ${result.heldOut[0].events} positive events`);
      console.log(`  lab mf (${o.componentOptions.mf?.solver}, tuned on the tuning slice): hit@10 ${result.heldOut[0].hit.toFixed(4)}`);
      for (const lr of [0.05, replayMf().lr]) {
        const ref = referenceReplay(data, timeline, { ...common, mf: { ...replayMf("textbook"), lr } }, false);
        console.log(`  textbook ISGD (positive-only, |1 − p·q| ranking, dim ${replayMf().dim}, η ${lr}, λ ${replayMf().l2}): hit@10 ${(ref.mf.hits / ref.mf.events).toFixed(4)}`);
      }
      const same = referenceReplay(data, timeline, { ...common, mf: replayMf() }, false);
      console.log(`  reference loop with the lab's settings (its own draws): hit@10 ${(same.mf.hits / same.mf.events).toFixed(4)}`);
    },
  },
  {
    name: "ml1m",
    run() {
      const real = [process.env.DRIFT_LAB_ML1M, join(ROOT, "data", "ml-1m"), join(ROOT, "..", "shared", "data", "ml-1m")].find((d) => d && releaseFormat(resolve(d)) === "dat");
      if (real) {
        const r = cliReplay(ROOT, resolve(real), []);
        console.log(table(r.stdout));
        console.log(`ml-1m (${resolve(real)}), default set: ${r.seconds.toFixed(0)} s, ${r.cpu.toFixed(0)} s CPU, peak memory ${r.peakMB.toFixed(0)} MB (target ≤ 900 s)`);
        return;
      }
      const dir = mkdtempSync(join(tmpdir(), "synthetic-ml1m-"));
      try {
        writeSyntheticMl1m(dir, 1);
        const r = cliReplay(ROOT, dir, []);
        console.log(table(r.stdout));
        console.log(`synthetic ml-1m-sized release (1,000,209 ratings; NOT the real ml-1m, which is not in DRIFT_LAB_ML1M, ./data/ml-1m or ../shared/data/ml-1m), default set: ${r.seconds.toFixed(0)} s, ${r.cpu.toFixed(0)} s CPU, peak memory ${r.peakMB.toFixed(0)} MB (target ≤ 900 s)`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];

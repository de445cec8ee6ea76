/**
 * The memory estimate (lib/simulation/memory.ts, cli/memory.ts) against the peak RSS of the command it is made for:
 * each case runs `drift-lab run` (or `sweep`) in a child process that reports its peak RSS when it exits, and
 * prints estimate, measurement and their ratio. Sizes range from the default world to 5,000 users × 20,000 items;
 * the largest take about 15 s each. Peak RSS depends on when the garbage collector runs, so a case varies by a few
 * per cent between runs. `npx tsx bench/memory.bench.ts` runs it alone.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { mkdtempSync, rmSync } from "node:fs";
import { loadScenario, ROOT } from "../cli/files.js";
import { estimate, formatSize } from "../cli/memory.js";

interface Case {
  name: string;
  sets: string[];
  threads?: number;
  /** Sweep workers; with them the case is a sweep of 4 runs (α 0.1, 0.2 × seeds 1, 2). */
  workers?: number;
}

const world = (users: number, items: number, rounds: number) => [`world.users=${users}`, `world.items=${items}`, "world.initialItems=1", `run.rounds=${rounds}`];

export const CASES: Case[] = [
  { name: "default world, 200 rounds", sets: ["run.rounds=200"], threads: 1 },
  { name: "1000 × 2000, 300 rounds", sets: world(1000, 2000, 300), threads: 1 },
  { name: "2000 × 20000, 3 rounds", sets: world(2000, 20000, 3), threads: 1 },
  { name: "2000 × 20000, 3 rounds, 2 threads", sets: world(2000, 20000, 3), threads: 2 },
  { name: "5000 × 20000, 3 rounds", sets: world(5000, 20000, 3), threads: 1 },
  { name: "5000 × 20000, 3 rounds, 2 threads", sets: world(5000, 20000, 3), threads: 2 },
  { name: "5000 × 20000 popularity, 2 threads", sets: [...world(5000, 20000, 3), "recommender.components=popularity"], threads: 2 },
  { name: "2000 × 5000 popularity + mf, 20 rounds", sets: [...world(2000, 5000, 20), "recommender.components=popularity,mf"], threads: 1 },
  { name: "sweep 2000 × 20000, 2 workers", sets: world(2000, 20000, 3), workers: 2 },
];

/** A preload that reports the process's peak RSS (KiB) on stderr when it exits. */
function peakReporter(): string {
  const file = join(mkdtempSync(join(tmpdir(), "drift-lab-peak-")), "peak.cjs");
  writeFileSync(file, `process.on("exit", () => process.stderr.write("\\npeak-rss-kib " + process.resourceUsage().maxRSS + "\\n"));\n`);
  return file;
}

function measure(c: Case, preload: string): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), "drift-lab-memory-"));
  const sets = c.sets.flatMap((s) => ["--set", s]);
  const args =
    c.workers === undefined
      ? ["run", "--scenario", "baseline", ...sets, "--threads", String(c.threads ?? 1), "--force", "--out", out]
      : ["sweep", "--scenario", "baseline", ...sets, "--grid", "alpha=0.1,0.2", "--seeds", "2", "--workers", String(c.workers), "--force", "--out", out];
  return new Promise((done, fail) => {
    execFile(process.execPath, ["--require", preload, join(ROOT, "bin", "drift-lab.js"), ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, _stdout, stderr) => {
      rmSync(out, { recursive: true, force: true });
      const m = /peak-rss-kib (\d+)/.exec(stderr);
      if (error || !m) return fail(new Error(`${c.name}: ${error?.message ?? "no peak reported"}\n${stderr.slice(-500)}`));
      done(Number(m[1]) * 1024);
    });
  });
}

export async function run(): Promise<{ name: string; estimated: number; measured: number }[]> {
  const preload = peakReporter();
  const rows = [];
  console.log("case                                        estimate   measured   estimate / measured");
  for (const c of CASES) {
    const config = loadScenario("baseline", c.sets);
    const estimated = estimate(config, { threads: c.threads, workers: c.workers }).bytes;
    const measured = await measure(c, preload);
    rows.push({ name: c.name, estimated, measured });
    console.log(`${c.name.padEnd(42)}  ${formatSize(estimated).padStart(9)}  ${formatSize(measured).padStart(9)}  ${(estimated / measured).toFixed(2)}`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();

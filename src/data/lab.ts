/**
 * Shared by the site's data loaders (Node only): the fixed small size every page is built at, the components the
 * loaders blend, and the loader entry point (stdout for data, stderr for logs, exit 1 on error). Loaders that use
 * TensorFlow.js set the backend up as the command line does (cli/backend.ts).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { loadScenario, loadVocabulary, ROOT } from "../../cli/files.js";
import { type Cell, COMPONENTS, formatObjects, parseCsv, type ScenarioConfig, type Vocabulary } from "../../lib/index.js";
import { SITE_SIZE } from "../components/site-size.js";

export { HEADLINE_SEEDS, SITE_SEEDS, SITE_SIZE } from "../components/site-size.js";

/**
 * Components the loaders blend: the light ones (no TensorFlow.js training per round) that exist in this build,
 * in this order. The playground offers every registered component.
 */
const LOADER_COMPONENTS = ["popularity", "item-cf", "user-cf", "content", "random"];

export function siteComponents(): string[] {
  return LOADER_COMPONENTS.filter((c) => COMPONENTS.includes(c));
}

/** A built-in scenario at the site size, with a scheduled shift moved to the middle of the run. */
export function siteScenario(name: string, sets: string[] = []): ScenarioConfig {
  return loadScenario(name, [...siteSets(name), `run.rounds=${SITE_SIZE.rounds}`, ...sets]);
}

const vocabularies = new Map<number, Vocabulary>();

export function vocabulary(topics: number): Vocabulary {
  if (!vocabularies.has(topics)) vocabularies.set(topics, loadVocabulary(topics));
  return vocabularies.get(topics)!;
}

/** `--set` assignments that put a built-in scenario at the site size (and its scheduled shift mid-run). */
export function siteSets(name: string): string[] {
  const sets = [`world.users=${SITE_SIZE.users}`, `world.items=${SITE_SIZE.items}`, `recommender.components=${siteComponents().join(",")}`];
  if (loadScenario(name).world.drift.shift?.at.length) sets.push(`world.drift.shift.at=${SITE_SIZE.rounds / 2}`);
  return sets;
}

export type SweepRow = Record<string, string | number | null>;

/**
 * Runs `drift-lab sweep` on a built-in scenario at the site size (grid × seeds 1..N, a worker thread per core) and
 * returns its sweep.csv rows, numbers parsed, empty cells as null. `extra` arguments go to the command line;
 * `keep` sees the output directory before it is removed.
 */
export async function sweep(scenario: string, grid: Record<string, (string | number)[]>, seeds: number, extra: string[] = [], keep?: (dir: string) => void): Promise<SweepRow[]> {
  const out = mkdtempSync(join(tmpdir(), "drift-lab-site-"));
  try {
    const args = [join(ROOT, "bin", "drift-lab.js"), "sweep", "--scenario", scenario, "--seeds", String(seeds), "--rounds", String(SITE_SIZE.rounds)];
    for (const [key, values] of Object.entries(grid)) args.push("--grid", `${key}=${values.join(",")}`);
    for (const set of siteSets(scenario)) args.push("--set", set);
    // one simulation per core (at least two); the rows do not depend on the number of workers
    args.push(...extra, "--workers", String(Math.max(2, availableParallelism())), "--out", out);
    log(`drift-lab ${args.slice(1).join(" ")}`);
    await new Promise<void>((done, fail) => {
      const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
      child.on("error", fail);
      child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`drift-lab sweep exited with code ${code}`))));
    });
    keep?.(out);
    const { columns, rows } = parseCsv(readFileSync(join(out, "sweep.csv"), "utf8"), "sweep.csv");
    return rows.map((fields) =>
      Object.fromEntries(columns.map((c, j) => [c, fields[j] === "" ? null : Number.isFinite(Number(fields[j])) ? Number(fields[j]) : fields[j]])),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function log(message: string): void {
  process.stderr.write(message + "\n");
}

export function csv(rows: Record<string, Cell>[]): string {
  return formatObjects(rows);
}

export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Runs a loader: its result goes to stdout; any error is reported on stderr with exit code 1. */
export function loader(body: () => Promise<string | Uint8Array> | string | Uint8Array): void {
  const started = performance.now();
  Promise.resolve()
    .then(body)
    .then((out) => {
      process.stdout.write(out);
      log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    })
    .catch((e: unknown) => {
      log(`loader failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(1);
    });
}

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../args.js";
import { LOCK_FILE } from "../lock.js";
import { type OutputOptions, StagedDirectory } from "../output.js";
import { difference, identityOf, planOf, plannedKeys, readManifest, type SweepManifest, type SweepSource } from "./identity.js";
import { shardDirectories } from "../scheduler.js";
import { readText } from "../text-input.js";
import { readRows } from "./store.js";

export interface MergeResult {
  rows: number;
  /** Rows found in more than one source, identical, kept once. */
  duplicates: number;
  manifest: SweepManifest;
}

/**
 * Merges sweep directories (the shards of one sweep, or sweeps of one identity over other seeds or grid values)
 * into `out`, written as a set (sweep.csv and sweep.json). Refused, naming what is wrong: a source without a
 * sweep.json, one being written (locked), one of another identity (naming the first difference), one incomplete
 * (a killed sweep: resume it first), a shard of a sweep whose other shards are not all given, columns that
 * disagree, and a run present in two sources with different results. Rows are in plan order (grid values in the
 * order first seen, then seeds), so a merged sweep reads the same however it was split; the sources'
 * llm-transcript.jsonl are concatenated (a transcript is looked up by key, so repeats do no harm). A directory
 * without sweep.json that holds shard-i-of-n directories (the shared --out of a scheduler's array) stands for them;
 * one of those without a sweep.json (its task failed before its first run) counts as missing.
 */
export function mergeSweeps(given: string[], out: string, options: OutputOptions): MergeResult {
  if (given.length === 0) throw new UsageError("--merge: expected DIR1,DIR2,... (sweep directories)");
  if (new Set(given).size !== given.length) throw new UsageError(`--merge: a directory is listed twice in '${given.join(",")}'`);
  const { dirs, empty } = expandShards(given);
  const sources = dirs.map((dir) => {
    const path = join(dir, "sweep.json");
    if (!existsSync(dir)) throw new UsageError(`--merge: ${dir} does not exist`);
    if (!existsSync(path)) throw new UsageError(`--merge: ${dir} has no sweep.json (not a drift-lab sweep directory, or one written before sweeps recorded their identity)`);
    if (existsSync(join(dir, LOCK_FILE))) {
      throw new UsageError(`--merge: ${dir} is being written (${readFileSync(join(dir, LOCK_FILE), "utf8").replace(/\s+/g, " ").trim()}); merge it once that sweep ends`);
    }
    return { dir, manifest: readManifest(path) };
  });
  const first = sources[0];
  for (const s of sources.slice(1)) {
    if (s.manifest.identity !== first.manifest.identity) {
      const what = difference(first.manifest, s.manifest, `in ${first.dir}`, `in ${s.dir}`) ?? "the resolved scenario";
      throw new UsageError(`--merge: ${s.dir} is a sweep of another scenario or grid than ${first.dir} (${what}); only sweeps of one identity merge`);
    }
  }
  checkShards(sources, empty);
  for (const { dir, manifest } of sources) {
    if (!manifest.complete) {
      const what = manifest.shard ? `shard ${manifest.shard.index}/${manifest.shard.count}` : "the sweep";
      throw new UsageError(`--merge: ${dir} is incomplete: ${what} has ${manifest.rows} of its ${manifest.runs} runs; run its command again to finish it, then merge`);
    }
  }
  const header = readFileSync(join(first.dir, "sweep.csv"), "utf8").split("\n", 1)[0];
  const rows = new Map<string, { line: string; dir: string }>();
  let duplicates = 0;
  for (const { dir } of sources) {
    for (const [key, line] of readRows(join(dir, "sweep.csv"), header)) {
      const seen = rows.get(key);
      if (!seen) rows.set(key, { line, dir });
      else if (seen.line === line) duplicates++;
      else throw new UsageError(`--merge: run ${key} differs between ${seen.dir} and ${dir} (same identity, other results: were they made by different versions of the lab?)`);
    }
  }
  const grid = first.manifest.grid.map((axis, j) => ({ ...axis, values: [...new Set(sources.flatMap((s) => s.manifest.grid[j].values))] }));
  const seeds = [...new Set(sources.flatMap((s) => s.manifest.seeds))].sort((a, b) => a - b);
  const planned = plannedKeys({ grid, seeds });
  const ordered = planned.filter((k) => rows.has(k));
  const inPlan = new Set(planned);
  const extra = [...rows.keys()].filter((k) => !inPlan.has(k));
  const identity = identityOf(first.manifest.config, grid);
  const manifest: SweepManifest = {
    ...first.manifest,
    grid,
    seeds,
    shard: null,
    identity,
    plan: planOf(identity, grid, seeds),
    runs: planned.length,
    rows: rows.size,
    complete: ordered.length === planned.length,
    sources: sources.map(({ dir, manifest: m }): SweepSource => ({ dir, shard: m.shard, plan: m.plan, rows: m.rows, complete: m.complete })),
    sessions: sources.flatMap(({ dir, manifest: m }) => (m.sessions ?? []).map((s) => ({ dir, shard: m.shard, ...s }))),
  };
  const staged = StagedDirectory.open(out, options);
  try {
    staged.write("sweep.csv", header + "\n" + [...ordered, ...extra].map((k) => rows.get(k)!.line).join(""));
    const transcripts = sources.map(({ dir }) => join(dir, "llm-transcript.jsonl")).filter((t) => existsSync(t));
    if (transcripts.length) staged.write("llm-transcript.jsonl", transcripts.map((t) => readText(t)).join(""));
    staged.write("sweep.json", JSON.stringify(manifest, null, 2) + "\n");
    staged.commit();
  } finally {
    staged.discard();
  }
  return { rows: rows.size, duplicates, manifest };
}

/** The given directories with each shared shard directory replaced by its shards; `empty`: shards without sweep.json. */
function expandShards(given: string[]): { dirs: string[]; empty: string[] } {
  const dirs: string[] = [];
  const empty: string[] = [];
  for (const dir of given) {
    const shards = existsSync(join(dir, "sweep.json")) ? null : shardDirectories(dir);
    if (!shards) {
      dirs.push(dir);
      continue;
    }
    for (const shard of shards) (existsSync(join(shard, "sweep.json")) ? dirs : empty).push(shard);
    if (dirs.length === 0) throw new UsageError(`--merge: no shard in ${dir} has a sweep.json (${empty.join(", ")}): every task failed before its first run; see the tasks' logs`);
  }
  return { dirs, empty };
}

/** Every shard of a sharded sweep must be given, each once: names the missing ones (and `empty` shard directories). */
function checkShards(sources: { dir: string; manifest: SweepManifest }[], empty: string[] = []): void {
  const groups = new Map<string, { count: number; have: Map<number, string> }>();
  for (const { dir, manifest } of sources) {
    const shard = manifest.shard;
    if (!shard) continue;
    const id = `${manifest.plan}/${shard.count}`;
    if (!groups.has(id)) groups.set(id, { count: shard.count, have: new Map() });
    const group = groups.get(id)!;
    const other = group.have.get(shard.index);
    if (other) throw new UsageError(`--merge: ${other} and ${dir} are both shard ${shard.index}/${shard.count} of one sweep`);
    group.have.set(shard.index, dir);
  }
  for (const { count, have } of groups.values()) {
    const missing = Array.from({ length: count }, (_, j) => j + 1).filter((i) => !have.has(i));
    if (missing.length) {
      const given = [...have.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`);
      const failed = empty.length ? `; ${empty.join(", ")} ${empty.length > 1 ? "hold" : "holds"} no sweep.json: the task failed before its first run, see its log` : "";
      throw new UsageError(`--merge: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} of the sweep ${missing.length > 1 ? "are" : "is"} missing (given: ${given.join(", ")} from ${[...have.values()].join(", ")})${failed}`);
    }
  }
}

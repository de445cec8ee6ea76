import { existsSync } from "node:fs";
import { join } from "node:path";
import { DIFFERENCE_COLUMNS, differenceRows, formatCsv, splitCsvLine, windowDifferences } from "../lib/index.js";
import { UsageError } from "./args.js";
import { type OutputOptions, StagedDirectory } from "./output.js";
import { shardDirectories } from "./scheduler.js";
import type { Shard } from "./sweep/identity.js";
import { readText } from "./text-input.js";

/** The tables of a replay with one row group per policy (policy first), in policy order. */
const POLICY_TABLES = ["replay.csv", "summary.csv", "weights.csv"];
/** config.json fields that differ between the shards of one replay: their policies, the components they built (and those components' diagnostics), timing, memory, threads and where they ran. */
const PER_SHARD = new Set(["policies", "seconds", "componentSeconds", "shard", "session", "built", "peakRssMB", "threads", "diagnostics"]);

interface ShardConfig {
  shard: Shard;
  /** Every policy of the whole replay, in order: the shards split this list. */
  allPolicies: string[];
  policies: { name: string }[];
  /** The windows differences.csv pairs over (wholly in the held-out part). */
  heldOutWindows?: number[];
  seconds: number;
  session?: unknown;
  [key: string]: unknown;
}

/**
 * Merges the shards of one replay (each ran some of its policies, split by policy so that every policy still sees
 * the whole prequential stream in order) into `out`, written as a set: replay.csv, summary.csv and weights.csv with
 * each policy's rows in the replay's policy order, held-out.csv by part then policy, differences.csv recomputed
 * from the merged replay.csv (its baselines may sit in other shards than the policies compared with them), all as
 * one replay of every policy writes them; windows.csv (the same in every shard), and config.json with
 * every policy and `shards` (each source's directory, shard, policies and where and when it ran). Refused, naming
 * what is wrong: a source that is not a replay shard, shards of different replays (naming the first setting that
 * differs), a missing shard (naming it) and a shard given twice.
 */
export function mergeReplays(given: string[], out: string, options: OutputOptions): { policies: number; shards: number } {
  const dirs = given.flatMap((d) => (existsSync(join(d, "config.json")) ? [d] : (shardDirectories(d) ?? [d])));
  const failed = dirs.filter((d) => !existsSync(join(d, "config.json")));
  const sources = dirs.filter((d) => !failed.includes(d)).map((dir) => ({ dir, config: readConfig(dir) }));
  if (sources.length === 0) throw new UsageError(`--merge: no replay shard in ${given.join(", ")} (${failed.join(", ") || "no config.json"}): every task failed; see the tasks' logs`);
  const first = sources[0];
  const count = first.config.shard.count;
  const have = new Map<number, string>();
  for (const { dir, config } of sources) {
    const what = settingDifference(first.config, config);
    if (what) throw new UsageError(`--merge: ${dir} is a shard of another replay than ${first.dir} (${what}); only the shards of one replay merge`);
    if (config.shard.count !== count) throw new UsageError(`--merge: ${dir} is shard ${config.shard.index}/${config.shard.count}, ${first.dir} one of ${count}; only the shards of one split merge`);
    const other = have.get(config.shard.index);
    if (other) throw new UsageError(`--merge: ${other} and ${dir} are both shard ${config.shard.index}/${count} of one replay`);
    have.set(config.shard.index, dir);
  }
  const missing = Array.from({ length: count }, (_, j) => j + 1).filter((i) => !have.has(i));
  if (missing.length) {
    const note = failed.length ? `; ${failed.join(", ")} ${failed.length > 1 ? "hold" : "holds"} no config.json: the task failed, see its log` : "";
    throw new UsageError(`--merge: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} of the replay ${missing.length > 1 ? "are" : "is"} missing (given: ${[...have.keys()].sort((a, b) => a - b).map((i) => `${i}/${count}`).join(", ")})${note}`);
  }
  sources.sort((a, b) => a.config.shard.index - b.config.shard.index);
  const order = first.config.allPolicies;
  const staged = StagedDirectory.open(out, options);
  try {
    const dirs = sources.map((s) => s.dir);
    const merged = Object.fromEntries(POLICY_TABLES.map((table) => [table, mergeTable(dirs, table, order)]));
    for (const table of POLICY_TABLES) staged.write(table, merged[table]);
    staged.write("held-out.csv", mergeTable(dirs, "held-out.csv", order, 1));
    const held = first.config.heldOutWindows;
    if (!Array.isArray(held)) throw new UsageError(`--merge: ${join(first.dir, "config.json")} has no heldOutWindows (a shard of an older drift-lab): replay its shards again`);
    staged.write("differences.csv", mergedDifferences(merged["replay.csv"], held, order));
    const windows = sources.map((s) => readText(join(s.dir, "windows.csv")));
    if (windows.some((w) => w !== windows[0])) throw new UsageError(`--merge: the shards' windows.csv differ (${sources.map((s) => s.dir).join(", ")}): not shards of one replay`);
    staged.write("windows.csv", windows[0]);
    const byName = new Map(sources.flatMap((s) => s.config.policies.map((p) => [p.name, p] as const)));
    const { shard: _shard, session: _session, allPolicies: _all, ...rest } = first.config;
    const config = {
      ...rest,
      policies: order.map((name) => byName.get(name)),
      seconds: Math.max(...sources.map((s) => s.config.seconds)),
      shards: sources.map(({ dir, config: c }) => ({ dir, shard: c.shard, policies: c.policies.map((p) => p.name), seconds: c.seconds, session: c.session ?? null })),
    };
    staged.write("config.json", JSON.stringify(config, null, 2) + "\n");
    staged.commit();
  } finally {
    staged.discard();
  }
  return { policies: order.length, shards: sources.length };
}

function readConfig(dir: string): ShardConfig {
  const path = join(dir, "config.json");
  let config: ShardConfig;
  try {
    config = JSON.parse(readText(path)) as ShardConfig;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--merge: ${path}: not valid JSON (${(e as Error).message})`);
  }
  if (!config || typeof config !== "object" || !config.shard || !Array.isArray(config.allPolicies) || !Array.isArray(config.policies)) {
    throw new UsageError(`--merge: ${dir} is not a shard of a replay (its config.json has no shard; run replays with --shard i/n or as a scheduler's array)`);
  }
  return config;
}

/** The first setting (config.json field other than the per-shard ones) on which two shards differ, or null. */
function settingDifference(a: ShardConfig, b: ShardConfig): string | null {
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (PER_SHARD.has(key)) continue;
    const [x, y] = [JSON.stringify(a[key]), JSON.stringify(b[key])];
    if (x !== y) return `${key}: ${x ?? "absent"} there, ${y ?? "absent"} here`;
  }
  return null;
}

/**
 * One table from every shard, the header once, each policy's rows (in their order) in `order`'s policy order; with
 * `by`, grouped first by that column's values (in the order they first appear), then by policy.
 */
function mergeTable(dirs: string[], table: string, order: string[], by?: number): string {
  const groups = new Map<string, string[]>();
  const outer: string[] = [];
  let header = "";
  for (const dir of dirs) {
    const path = join(dir, table);
    const lines = readText(path).split("\n");
    if (lines.at(-1) === "") lines.pop();
    const head = lines.shift() ?? "";
    if (header && head !== header) throw new UsageError(`--merge: ${path} has columns '${head}', another shard '${header}'`);
    header = head;
    lines.forEach((line, j) => {
      const cells = splitCsvLine(line, path, j + 2);
      const group = by === undefined ? "" : cells[by];
      if (!outer.includes(group)) outer.push(group);
      const key = `${group}\u0000${cells[0]}`;
      groups.set(key, [...(groups.get(key) ?? []), line]);
    });
  }
  const unknown = [...groups.keys()].map((k) => k.split("\u0000")[1]).find((p) => !order.includes(p));
  if (unknown) throw new UsageError(`--merge: ${table} has rows of policy '${unknown}', which is not among the replay's policies (${order.join(", ")})`);
  return [header, ...outer.flatMap((group) => order.flatMap((p) => groups.get(`${group}\u0000${p}`) ?? []))].join("\n") + "\n";
}

/**
 * differences.csv of the merged replay.csv: each policy's hit@k in the held-out windows, recovered exactly (hits are
 * whole numbers: rate × events rounds to them, and hits / events is the replay's own quotient).
 */
function mergedDifferences(replayCsv: string, windows: number[], order: string[]): string {
  const at = new Map(windows.map((w, i) => [w, i]));
  const hits = new Map(order.map((p) => [p, new Float64Array(windows.length)]));
  const lines = replayCsv.split("\n").slice(1, -1);
  lines.forEach((line, j) => {
    const [policy, window, events, hit] = splitCsvLine(line, "replay.csv", j + 2);
    const i = at.get(Number(window));
    const n = Number(events);
    if (i !== undefined && n > 0) hits.get(policy)![i] = Math.round(Number(hit) * n) / n;
  });
  return formatCsv(DIFFERENCE_COLUMNS, differenceRows(windowDifferences(order, hits)));
}

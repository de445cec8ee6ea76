import { createHash } from "node:crypto";
import { LAB_VERSION, type ScenarioConfig } from "../../lib/index.js";
import { UsageError } from "../args.js";
import type { Session } from "../scheduler.js";
import { readText } from "../text-input.js";
import { type GridAxis, taskKey, type SweepTask } from "./plan.js";

/**
 * DIR/sweep.json: what a sweep directory holds, written before the first row and again, last, when the command
 * ends. Resume, --merge and a shard-aware merge read it:
 *
 * - `identity`: SHA-256 of the resolved scenario (seed aside: it varies by row) with the grid's keys and paths,
 *   i.e. what every row of sweep.csv means. Rows of different identities never meet in one table.
 * - `plan`: SHA-256 of the identity, the grid's values and the seeds: which rows the whole sweep (all shards) has.
 *   Shards of one sweep share it; `shard` says which one this directory is.
 * - `runs`: the rows this directory is to hold (its shard of the plan); `rows`: those present; `complete`: every
 *   one of them is present. A killed sweep leaves `complete: false`.
 * - `sessions`: where and when each command that wrote the directory ran (host, start, end, the scheduler's job);
 *   a merged sweep lists its sources' sessions, each with its directory and shard.
 * - `sources` (a merged sweep): each merged directory with its shard, plan, rows and completeness.
 */
export const SWEEP_FORMAT = 2;

export interface Shard {
  index: number;
  count: number;
}

export interface SweepSource {
  dir: string;
  shard: Shard | null;
  plan: string;
  rows: number;
  complete: boolean;
}

export interface SweepManifest {
  format: number;
  labVersion: string;
  scenario: string;
  /** The sweep's own --set assignments (with run.rounds for --rounds). */
  sets: string[];
  grid: { key: string; path: string; values: string[] }[];
  seeds: number[];
  shard: Shard | null;
  identity: string;
  plan: string;
  runs: number;
  rows: number;
  complete: boolean;
  /** The resolved scenario every row starts from (run.seed null: each row has its own). */
  config: unknown;
  sessions?: (Session & { dir?: string; shard?: Shard | null })[];
  sources?: SweepSource[];
}

/** JSON with object keys sorted, so that a hash does not depend on the order fields were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The resolved scenario without its seed, as sweep.json records it. */
export function baseConfig(config: ScenarioConfig): unknown {
  return { ...config, run: { ...config.run, seed: null } };
}

export function identityOf(config: unknown, axes: { key: string; path: string }[]): string {
  return sha256(canonical({ config, grid: axes.map((a) => ({ key: a.key, path: a.path })) }));
}

export function planOf(identity: string, axes: { values: string[] }[], seeds: number[]): string {
  return sha256(canonical({ identity, values: axes.map((a) => a.values), seeds }));
}

export interface ManifestInput {
  scenario: string;
  sets: string[];
  axes: GridAxis[];
  seeds: number[];
  shard: Shard | null;
  /** The resolved scenario with the sweep's --set (no grid point, any seed). */
  config: ScenarioConfig;
  /** The runs this directory is to hold. */
  tasks: SweepTask[];
}

export function manifestOf(m: ManifestInput): SweepManifest {
  const config = baseConfig(m.config);
  const identity = identityOf(config, m.axes);
  return {
    format: SWEEP_FORMAT,
    labVersion: LAB_VERSION,
    scenario: m.scenario,
    sets: m.sets,
    grid: m.axes.map((a) => ({ key: a.key, path: a.path, values: a.values })),
    seeds: m.seeds,
    shard: m.shard,
    identity,
    plan: planOf(identity, m.axes, m.seeds),
    runs: m.tasks.length,
    rows: 0,
    complete: false,
    config,
  };
}

/** The keys (grid values + seed) of every run of the manifest's grid and seeds, in plan order, shard aside. */
export function plannedKeys(m: Pick<SweepManifest, "grid" | "seeds">): string[] {
  let points: string[][] = [[]];
  for (const axis of m.grid) points = points.flatMap((p) => axis.values.map((v) => [...p, v]));
  return points.flatMap((values) => m.seeds.map((seed) => taskKey(values, seed)));
}

/** DIR/sweep.json, checked enough to be compared: one line naming the file otherwise. */
export function readManifest(path: string): SweepManifest {
  let parsed: Partial<SweepManifest>;
  try {
    parsed = JSON.parse(readText(path)) as Partial<SweepManifest>;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message}); it records the sweep's identity: restore it, or start over with --force`);
  }
  if (typeof parsed !== "object" || parsed === null || parsed.format !== SWEEP_FORMAT || typeof parsed.identity !== "string" || typeof parsed.plan !== "string") {
    throw new UsageError(
      `${path}: not a sweep.json of format ${SWEEP_FORMAT} (written by an earlier drift-lab, or damaged), so its rows cannot be checked against this sweep; start over with --force, or use another --out`,
    );
  }
  return parsed as SweepManifest;
}

/** Where two resolved scenarios or grids first differ, as `run.rounds: 20 there, 30 here`; null when they do not. */
export function difference(a: Pick<SweepManifest, "config" | "grid">, b: Pick<SweepManifest, "config" | "grid">, there = "there", here = "here"): string | null {
  const inConfig = firstDifference(a.config, b.config, "");
  if (inConfig) return `${inConfig.path || "the scenario"}: ${show(inConfig.a)} ${there}, ${show(inConfig.b)} ${here}`;
  const keys = (m: Pick<SweepManifest, "grid">) => m.grid.map((g) => (g.key === g.path ? g.key : `${g.key} (${g.path})`)).join(", ");
  if (keys(a) !== keys(b)) return `grid keys: ${keys(a) || "none"} ${there}, ${keys(b) || "none"} ${here}`;
  return null;
}

function firstDifference(a: unknown, b: unknown, path: string): { path: string; a: unknown; b: unknown } | null {
  const objects = a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b);
  if (!objects || Array.isArray(a)) return canonical(a) === canonical(b) ? null : { path, a, b };
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    const d = firstDifference(ra[key], rb[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return null;
}

function show(v: unknown): string {
  if (v === undefined) return "absent";
  const text = typeof v === "string" ? `'${v}'` : JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

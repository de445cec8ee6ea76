import { UsageError } from "../args.js";

/** Short names for the grid keys used most; any dotted scenario path works too. */
export const GRID_ALIASES: Record<string, string> = {
  alpha: "policy.alpha",
  beta: "policy.beta",
  history: "policy.history",
  kind: "policy.kind",
  policy: "policy.kind",
  level: "policy.level",
  temperature: "policy.simplex.temperature",
  floor: "policy.simplex.floor",
  normalise: "policy.simplex.kind",
  maxStep: "policy.simplex.maxStep",
  credit: "policy.credit",
  diversity: "recommender.diversity",
  components: "recommender.components",
  k: "recommender.k",
};

export interface GridAxis {
  /** The key as written (the sweep.csv column). */
  key: string;
  /** The scenario path it sets. */
  path: string;
  values: string[];
}

export interface SweepTask {
  /** Position in the full plan (grid order, then seed). */
  index: number;
  values: string[];
  seed: number;
  /** `path=value` assignments for this task (the seed and rounds are added by the runner). */
  sets: string[];
}

/**
 * `key=v1,v2,...`. A list-valued path (recommender.components) takes `+` inside one value:
 * `components=popularity+random,popularity+item-cf`.
 */
export function parseGrid(flags: string[]): GridAxis[] {
  const axes: GridAxis[] = [];
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    if (eq <= 0) throw new UsageError(`--grid: expected key=v1,v2,..., got '${flag}'`);
    const key = flag.slice(0, eq).trim();
    const values = flag
      .slice(eq + 1)
      .split(",")
      .map((v) => v.trim());
    if (values.some((v) => v === "")) throw new UsageError(`--grid ${key}: empty value in '${flag}'`);
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new UsageError(`--grid: bad key '${key}' (letters, digits, '.', '_' and '-')`);
    if (axes.some((a) => a.key === key)) throw new UsageError(`--grid ${key}: given twice`);
    if (new Set(values).size !== values.length) throw new UsageError(`--grid ${key}: a value is listed twice`);
    axes.push({ key, path: GRID_ALIASES[key] ?? key, values });
  }
  return axes;
}

/** The most seeds one flag may list, and the most runs (grid points × seeds) one sweep may plan. */
export const MAX_SEEDS = 100_000;
export const MAX_RUNS = 1_000_000;
/** The largest seed: run.seed's range. */
const MAX_SEED = 2 ** 31;

/** `N` (seeds 1..N), `a-b` (a range) or `a,b,c`; at most MAX_SEEDS seeds, each at most 2^31. */
export function parseSeeds(text: string, flag: string, countForm = false): number[] {
  const bad = () => new UsageError(`--${flag}: expected ${countForm ? "a count N (seeds 1..N), " : ""}a range a-b or a list a,b,c of integers from 0 to ${MAX_SEED}, got '${text}'`);
  const tooMany = (n: number) => new UsageError(`--${flag}: ${n} seeds, more than the ${MAX_SEEDS} a sweep takes (allowed: 1 to ${MAX_SEEDS} seeds)`);
  const t = text.trim();
  let seeds: number[];
  if (countForm && /^\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1) throw bad();
    if (n > MAX_SEEDS) throw tooMany(n);
    seeds = Array.from({ length: n }, (_, j) => j + 1);
  } else if (/^\d+-\d+$/.test(t)) {
    const [a, b] = t.split("-").map(Number);
    if (b < a || b > MAX_SEED) throw bad();
    if (b - a + 1 > MAX_SEEDS) throw tooMany(b - a + 1);
    seeds = Array.from({ length: b - a + 1 }, (_, j) => a + j);
  } else if (/^\d+(,\d+)*$/.test(t)) {
    seeds = t.split(",").map(Number);
    if (seeds.some((s) => s > MAX_SEED)) throw bad();
    if (seeds.length > MAX_SEEDS) throw tooMany(seeds.length);
  } else throw bad();
  if (new Set(seeds).size !== seeds.length) throw new UsageError(`--${flag}: a seed is listed twice in '${text}'`);
  return seeds;
}

function assignment(axis: GridAxis, value: string): string {
  return `${axis.path}=${axis.path === "recommender.components" ? value.split("+").join(",") : value}`;
}

/** Every grid point × seed, in a fixed order: the first axis varies slowest, seeds fastest. At most MAX_RUNS. */
export function planTasks(axes: GridAxis[], seeds: number[]): SweepTask[] {
  const runs = axes.reduce((n, a) => n * a.values.length, seeds.length);
  if (runs > MAX_RUNS) {
    throw new UsageError(`--grid × --seeds: ${axes.map((a) => a.values.length).join(" × ")} grid points × ${seeds.length} seeds = ${runs} runs, more than the ${MAX_RUNS} a sweep plans; split it into several sweeps`);
  }
  const points: string[][] = [[]];
  for (const axis of axes) {
    const next: string[][] = [];
    for (const p of points) for (const v of axis.values) next.push([...p, v]);
    points.splice(0, points.length, ...next);
  }
  const tasks: SweepTask[] = [];
  for (const values of points) {
    for (const seed of seeds) {
      tasks.push({ index: tasks.length, values, seed, sets: values.map((v, j) => assignment(axes[j], v)) });
    }
  }
  return tasks;
}

/** The identity of a run in sweep.csv: its grid values and seed. */
export function taskKey(values: string[], seed: number | string): string {
  return JSON.stringify([...values, String(seed)]);
}

/** `i/n` with 1 ≤ i ≤ n. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--shard: expected i/n (e.g. 2/4), got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected 1 ≤ i ≤ n, got '${text}'`);
  return { index, count };
}

/** Shard i of n takes every n-th task of the plan starting at the i-th: shards are disjoint and cover the plan. */
export function shardTasks<T extends { index: number }>(tasks: T[], shard: { index: number; count: number }): T[] {
  return tasks.filter((t) => t.index % shard.count === shard.index - 1);
}

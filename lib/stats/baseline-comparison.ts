import { pairByKey, pairedDifference } from "./paired.js";

/** A run: grid values, a seed, metrics (numbers, or null / "" / a non-number when the run has none). */
export type RunRow = Record<string, unknown>;

/** One treatment group against the baseline on one metric, paired by seed. */
export interface BaselineComparison {
  /** The treatment's grid values (every key of the comparison). */
  group: Record<string, string>;
  metric: string;
  /** Seeds with a value on both sides. */
  pairs: number;
  /** Means over those pairs. */
  treatment: number;
  baseline: number;
  /** Mean of treatment − baseline over the pairs, with its t interval (lo, hi; NaN below two pairs). */
  difference: number;
  lo: number;
  hi: number;
  /** Pairs where the treatment is above the baseline, below it, equal. */
  above: number;
  below: number;
  ties: number;
  /** Seeds present on one side only, or without a value on one side (e.g. a diverged run). */
  unpaired: number;
}

export interface BaselineOptions {
  /** The grid keys that identify a group (e.g. ["scenario", "policy"]), the baseline's key among them. */
  keys: string[];
  /** The baseline: the key it differs in and its value there (e.g. policy = static). */
  baseline: { key: string; value: string | number };
  metrics: string[];
  seedKey?: string;
  level?: number;
}

const numeric = (v: unknown): number | null => {
  if (v === null || v === undefined || v === "" || typeof v === "boolean") return null;
  const x = typeof v === "number" ? v : Number(v);
  return Number.isFinite(x) ? x : null;
};

/**
 * Every group that is not the baseline, against the baseline group with the same values of the other keys, seed by
 * seed (common random numbers: both sides saw the same users), per metric. Groups come out in the order they first
 * appear in `rows`, metrics in the order given. Values of keys compare as text, so 0.1 and "0.1" are one group.
 */
export function compareWithBaseline(rows: RunRow[], o: BaselineOptions): BaselineComparison[] {
  const seedKey = o.seedKey ?? "seed";
  const { key, value } = o.baseline;
  if (!o.keys.includes(key)) throw new RangeError(`compareWithBaseline: the baseline key '${key}' is not one of the keys (${o.keys.join(", ")})`);
  const id = (row: RunRow, replace?: string) => JSON.stringify(o.keys.map((k) => (k === key && replace !== undefined ? replace : String(row[k]))));
  const groups = new Map<string, RunRow[]>();
  for (const row of rows) {
    const g = id(row);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(row);
  }
  const out: BaselineComparison[] = [];
  for (const members of groups.values()) {
    if (String(members[0][key]) === String(value)) continue;
    const base = groups.get(id(members[0], String(value)));
    if (!base) continue;
    for (const metric of o.metrics) {
      const series = (rs: RunRow[]) => rs.map((r) => [String(r[seedKey]), numeric(r[metric])] as const).filter((p): p is readonly [string, number] => p[1] !== null);
      const p = pairByKey(series(members), series(base));
      const seeds = new Set([...members, ...base].map((r) => String(r[seedKey])));
      if (p.keys.length === 0) continue;
      const d = pairedDifference(p.treatment, p.baseline, o.level ?? 0.95);
      const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      out.push({
        group: Object.fromEntries(o.keys.map((k) => [k, String(members[0][k])])),
        metric,
        pairs: p.keys.length,
        treatment: mean(p.treatment),
        baseline: mean(p.baseline),
        difference: d.mean,
        lo: d.lo,
        hi: d.hi,
        above: d.above,
        below: d.below,
        ties: d.ties,
        unpaired: seeds.size - p.keys.length,
      });
    }
  }
  return out;
}

import { meanInterval, type MeanInterval } from "./mean-interval.js";

/** The paired comparison of a treatment against a baseline over the same seeds (common random numbers). */
export interface PairedDifference extends MeanInterval {
  /** Pairs where the treatment is above the baseline, below it, and equal. */
  above: number;
  below: number;
  ties: number;
}

/**
 * The mean of treatment[i] − baseline[i] over pairs i (the same seed on both sides) with its t interval: far
 * tighter than two overlapping per-arm intervals when the seeds share most of their noise.
 */
export function pairedDifference(treatment: ArrayLike<number>, baseline: ArrayLike<number>, level = 0.95): PairedDifference {
  if (treatment.length !== baseline.length) {
    throw new RangeError(`pairedDifference: ${treatment.length} treatment values against ${baseline.length} baseline values; pairs must match`);
  }
  const d = Float64Array.from({ length: treatment.length }, (_, i) => treatment[i] - baseline[i]);
  let above = 0;
  let below = 0;
  for (const x of d) if (x > 0) above++;
  else if (x < 0) below++;
  return { ...meanInterval(d, level), above, below, ties: d.length - above - below };
}

/**
 * Pairs rows of two arms by a key (the seed): the values of keys present in both, in key order. Keys seen in one arm
 * only are returned so that a caller can report them rather than drop them silently.
 */
export function pairByKey<K extends string | number>(
  treatment: Iterable<readonly [K, number]>,
  baseline: Iterable<readonly [K, number]>,
): { keys: K[]; treatment: number[]; baseline: number[]; unpaired: K[] } {
  const a = new Map(treatment);
  const b = new Map(baseline);
  const keys = [...a.keys()].filter((k) => b.has(k)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const unpaired = [...a.keys(), ...b.keys()].filter((k) => !(a.has(k) && b.has(k)));
  return { keys, treatment: keys.map((k) => a.get(k)!), baseline: keys.map((k) => b.get(k)!), unpaired: [...new Set(unpaired)] };
}

import { studentTQuantile } from "./student-t.js";

/** A sample mean with its Student-t confidence interval. */
export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  sd: number;
  /** Standard error of the mean, sd / √n. */
  se: number;
  /** Ends of the two-sided interval at `level`; NaN with fewer than two values. */
  lo: number;
  hi: number;
  level: number;
}

/**
 * The mean of `values` and its two-sided t interval (mean ± t_{(1+level)/2, n−1} · sd/√n). Non-finite values are
 * an error: a censored or missing observation must be handled by the caller, never averaged in.
 */
export function meanInterval(values: ArrayLike<number>, level = 0.95): MeanInterval {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`meanInterval: value ${i} is ${values[i]}, not a finite number`);
    sum += values[i];
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN;
  const se = sd / Math.sqrt(n);
  const half = n > 1 ? studentTQuantile((1 + level) / 2, n - 1) * se : Number.NaN;
  return { n, mean, sd, se, lo: mean - half, hi: mean + half, level };
}

import type { Stream } from "../random/stream.js";

export interface BootstrapInterval {
  /** The statistic on the sample itself. */
  estimate: number;
  /** Percentile interval of the statistic over the resamples (may be ±Infinity when the statistic is). */
  lo: number;
  hi: number;
  level: number;
  resamples: number;
}

/**
 * The p-quantile of ascending `sorted` values by linear interpolation between order statistics (R's type 7, as
 * d3.quantile), defined for infinite values too: interpolating toward ±Infinity gives it.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const i = Math.floor(h);
  const f = h - i;
  const a = sorted[i];
  if (f === 0 || i + 1 >= n) return a;
  const b = sorted[i + 1];
  if (a === b) return a;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.isFinite(a) ? b : a;
  return a + (b - a) * f;
}

/**
 * The percentile bootstrap: `statistic` is evaluated on `resamples` samples of n indices drawn with replacement
 * from 0 … n − 1 with the injected stream, and the interval is the (1 ± level)/2 quantiles of those values. The
 * statistic may return Infinity (e.g. a median that a resample never reaches); it must not return NaN.
 */
export function bootstrapInterval(
  n: number,
  statistic: (indices: Int32Array) => number,
  stream: Stream,
  { resamples = 2000, level = 0.95 }: { resamples?: number; level?: number } = {},
): BootstrapInterval {
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const estimate = statistic(identity);
  const values = new Float64Array(resamples);
  const draw = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) draw[i] = stream.int(n);
    const v = statistic(draw);
    if (Number.isNaN(v)) throw new RangeError(`bootstrapInterval: the statistic gave NaN on resample ${b}`);
    values[b] = v;
  }
  values.sort();
  return { estimate, lo: quantileSorted(values, (1 - level) / 2), hi: quantileSorted(values, (1 + level) / 2), level, resamples };
}

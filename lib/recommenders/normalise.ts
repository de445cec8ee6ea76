export type Normalisation = "rank" | "minmax";

/**
 * Per-user score normalisation, so that blend weights are comparable across components.
 * `rank`: the rank percentile in [0, 1] (best item 1, worst 0, ties share their mean rank).
 * `minmax`: (s − min) / (max − min), 0.5 for a constant row.
 * Writes `rows × n` normalised values into `out`.
 */
export function normaliseRows(scores: Float32Array, rows: number, n: number, kind: Normalisation, out = new Float32Array(rows * n)): Float32Array {
  const sorted = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const row = scores.subarray(r * n, (r + 1) * n);
    const dest = out.subarray(r * n, (r + 1) * n);
    if (kind === "rank") rankPercentile(row, dest, sorted);
    else minMax(row, dest);
  }
  return out;
}

export function rankPercentile(row: ArrayLike<number>, dest: Float32Array, sorted = new Float64Array(row.length)): void {
  const n = row.length;
  if (n === 1) {
    dest[0] = 0.5;
    return;
  }
  for (let i = 0; i < n; i++) sorted[i] = row[i];
  sorted.sort();
  const scale = 1 / (n - 1);
  for (let i = 0; i < n; i++) {
    const v = row[i];
    const lo = lowerBound(sorted, v, n);
    const hi = v === sorted[lo] && (lo + 1 === n || sorted[lo + 1] !== v) ? lo + 1 : upperBound(sorted, v, n);
    dest[i] = ((lo + hi - 1) / 2) * scale;
  }
}

function minMax(row: Float32Array, dest: Float32Array): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < row.length; i++) {
    if (row[i] < lo) lo = row[i];
    if (row[i] > hi) hi = row[i];
  }
  const span = hi - lo;
  for (let i = 0; i < row.length; i++) dest[i] = span > 0 ? (row[i] - lo) / span : 0.5;
}

function lowerBound(a: Float64Array, v: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m] < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

function upperBound(a: Float64Array, v: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m] <= v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

export type Normalisation = "reciprocal" | "rank" | "minmax";

export const NORMALISATIONS: Normalisation[] = ["reciprocal", "rank", "minmax"];

/** The constant c of reciprocal-rank normalisation when none is configured. */
export const DEFAULT_RANK_CONSTANT = 10;

/**
 * Per-user score normalisation, so that blend weights are comparable across components. Each maps to [0, 1].
 * `reciprocal` (the default): c / (c + r) with r the 0-based rank from the top (ties share their mean rank): the
 *   best item 1, the c-th 0.5, the tail near 0, as in reciprocal rank fusion. A blend then favours items near the
 *   top of some component; with rank percentiles, items in the upper half of every component beat each
 *   component's own best, and a blend of good components served worse slates than any of them alone.
 * `rank`: the rank percentile (best item 1, worst 0, ties share their mean rank; NaN ranks lowest).
 * `minmax`: (s − min) / (max − min), 0.5 for a constant row.
 * Writes `rows × n` normalised values into `out`; `scratch` (rows of at least n values) saves allocating one.
 */
export function normaliseRows(
  scores: Float32Array,
  rows: number,
  n: number,
  kind: Normalisation,
  out: Float32Array = new Float32Array(rows * n),
  rankConstant = DEFAULT_RANK_CONSTANT,
  scratch?: RankScratch,
): Float32Array {
  if (kind !== "minmax" && !(scratch && scratch.keys.length >= n)) scratch = new RankScratch(n);
  for (let r = 0; r < rows; r++) {
    const row = scores.subarray(r * n, (r + 1) * n);
    const dest = out.subarray(r * n, (r + 1) * n);
    if (kind === "rank") rankPercentile(row, dest, scratch);
    else if (kind === "reciprocal") reciprocalRank(row, dest, rankConstant, scratch);
    else minMax(row, dest);
  }
  return out;
}

/** Reusable buffers of `rankPercentile` for rows of up to `n` values. */
export class RankScratch {
  readonly keys: Uint32Array;
  readonly index: Uint32Array;
  readonly keys2: Uint32Array;
  readonly index2: Uint32Array;
  readonly count = new Uint32Array(PASSES * RADIX);
  readonly bits: Uint32Array;
  readonly values: Float32Array;

  constructor(n: number) {
    this.keys = new Uint32Array(n);
    this.index = new Uint32Array(n);
    this.keys2 = new Uint32Array(n);
    this.index2 = new Uint32Array(n);
    this.values = new Float32Array(n);
    this.bits = new Uint32Array(this.values.buffer);
  }
}

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const PASSES = 3;

/**
 * Rank percentiles of one row, compared at float32 precision. The values' bit patterns are mapped to unsigned
 * keys whose order is the numeric order, and sorted with a three-pass LSD radix sort: linear time, about eight
 * times faster than a comparison sort for the row lengths of a catalog.
 */
export function rankPercentile(row: ArrayLike<number>, dest: Float32Array, scratch = new RankScratch(row.length)): void {
  const n = row.length;
  if (n === 0) return;
  if (n === 1) {
    dest[0] = 0.5;
    return;
  }
  writeMeanRanks(row, dest, scratch, 0, 1 / (n - 1));
}

/** c / (c + r), r the 0-based mean rank from the top. */
export function reciprocalRank(row: ArrayLike<number>, dest: Float32Array, c: number, scratch = new RankScratch(row.length)): void {
  if (row.length === 0) return;
  writeMeanRanks(row, dest, scratch, c, 0);
}

const ZERO_KEY = 0x80000000;

/**
 * Sorts the row by float32 keys and writes, for every value, `ascending × scale` (rank percentile, c = 0) or
 * `c / (c + n − 1 − ascending)` (reciprocal rank), with `ascending` its mean 0-based rank from the bottom.
 * Rows that are mostly exact zeros (sparse scores: item-cf, user-cf) sort only their non-zero values; the zeros
 * share one mean rank, which is the same result as sorting them all.
 */
function writeMeanRanks(row: ArrayLike<number>, dest: Float32Array, scratch: RankScratch, c: number, scale: number): void {
  const n = row.length;
  const { values, bits } = scratch;
  const keys = scratch.keys;
  const index = scratch.index;
  let m = 0;
  let negatives = 0;
  for (let i = 0; i < n; i++) values[i] = row[i] + 0;
  for (let i = 0; i < n; i++) {
    if (values[i] === 0) continue;
    const b = bits[i];
    const key = (values[i] !== values[i] ? 0 : b & 0x80000000 ? ~b : b | 0x80000000) >>> 0;
    keys[m] = key;
    index[m] = i;
    if (key < ZERO_KEY) negatives++;
    m++;
  }
  const zeros = n - m;
  const top = n - 1;
  const value = (ascending: number) => (c > 0 ? c / (c + top - ascending) : ascending * scale);
  if (zeros > 0) {
    const r = value(negatives + (zeros - 1) / 2);
    for (let i = 0; i < n; i++) if (values[i] === 0) dest[i] = r;
  }
  const sorted = radixSort(scratch, m);
  const sortedKeys = sorted.keys;
  const sortedIndex = sorted.index;
  for (let lo = 0; lo < m; ) {
    const key = sortedKeys[lo];
    let hi = lo + 1;
    while (hi < m && sortedKeys[hi] === key) hi++;
    const shift = lo < negatives ? 0 : zeros;
    const r = value(shift + (lo + hi - 1) / 2);
    for (let j = lo; j < hi; j++) dest[sortedIndex[j]] = r;
    lo = hi;
  }
}

/** Three-pass LSD radix sort of the first m (key, index) pairs in the scratch; returns the arrays holding the result. */
function radixSort(scratch: RankScratch, m: number): { keys: Uint32Array; index: Uint32Array } {
  const { count } = scratch;
  let keys = scratch.keys;
  let index = scratch.index;
  let keysOut = scratch.keys2;
  let indexOut = scratch.index2;
  count.fill(0);
  for (let i = 0; i < m; i++) {
    const key = keys[i];
    count[key & (RADIX - 1)]++;
    count[RADIX + ((key >>> RADIX_BITS) & (RADIX - 1))]++;
    count[2 * RADIX + (key >>> (2 * RADIX_BITS))]++;
  }
  for (let pass = 0; pass < PASSES; pass++) {
    const shift = pass * RADIX_BITS;
    const base = pass * RADIX;
    let sum = 0;
    for (let b = base; b < base + RADIX; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const p = count[base + ((keys[i] >>> shift) & (RADIX - 1))]++;
      keysOut[p] = keys[i];
      indexOut[p] = index[i];
    }
    [keys, keysOut] = [keysOut, keys];
    [index, indexOut] = [indexOut, index];
  }
  return { keys, index };
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

import type { RoundScores } from "./score.js";

/**
 * Phase 3, blend: S(u, i) = Σ_k π_k · Ŝ_k(u, i). Two arithmetics, each pinned by outputs that must not move:
 * `blend` (the simulation) adds the components in pairs, each pair's sum rounded to float64, one pass over the
 * items per pair; `blendFloat32` (the replay, the oracle-weights hook) adds one component at a time into float32,
 * skipping zero weights.
 */

/** out = jitter rotated left by `offset` (out[i] = jitter[(i + offset) mod n]): a tie-break that differs per slate. */
export function tieBreak(out: Float64Array, jitter: Float64Array, offset: number): void {
  out.set(jitter.subarray(offset));
  out.set(jitter.subarray(0, offset), out.length - offset);
}

/** out[i] += Σ_k weights[k]·Ŝ_k(active user a, i), components in order, taken in pairs. */
export function blend(out: Float64Array, scores: RoundScores, a: number, weights: ArrayLike<number>): void {
  const items = out.length;
  const rows = scores.rows;
  const K = rows.length;
  let k = 0;
  for (; k + 2 <= K; k += 2) {
    const r0 = rows[k];
    const r1 = rows[k + 1];
    const o0 = scores.offset(k, a);
    const o1 = scores.offset(k + 1, a);
    const w0 = weights[k];
    const w1 = weights[k + 1];
    for (let i = 0; i < items; i++) out[i] = out[i] + w0 * r0[o0 + i] + w1 * r1[o1 + i];
  }
  if (k < K) {
    const r = rows[k];
    const o = scores.offset(k, a);
    const w = weights[k];
    for (let i = 0; i < items; i++) out[i] += w * r[o + i];
  }
}

/** out[i] += Σ_k weights[k]·Ŝ_k(active user a, i) in float32, one component at a time, zero weights skipped. */
export function blendFloat32(out: Float32Array, scores: RoundScores, a: number, weights: ArrayLike<number>): void {
  const items = out.length;
  for (let k = 0; k < scores.rows.length; k++) {
    const w = weights[k];
    if (w === 0) continue;
    const row = scores.rows[k];
    const o = scores.offset(k, a);
    for (let i = 0; i < items; i++) out[i] += w * row[o + i];
  }
}

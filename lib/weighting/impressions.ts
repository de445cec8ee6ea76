import type { SlateFeedback } from "./policy.js";

/** A round's impressions as rows for a click model: scores N × K, one-hot positions N × P, clicks N, slate of each row. */
export interface ImpressionRows {
  n: number;
  scores: Float32Array;
  positions: Float32Array;
  clicks: Float32Array;
  slate: Int32Array;
}

/**
 * Positions past P − 1 share the last column. Scores are centred on their mean over the round's impressions:
 * shown items all score high under the blend that chose them, so uncentred scores are nearly collinear with the
 * position intercepts, and the first steps (pulling every logit down to a low click rate) would drag the score
 * coefficients below zero with them.
 */
export function impressionRows(feedback: SlateFeedback[], K: number, P: number): ImpressionRows {
  const n = feedback.reduce((s, f) => s + f.rewards.length, 0);
  const scores = new Float32Array(n * K);
  const positions = new Float32Array(n * P);
  const clicks = new Float32Array(n);
  const slate = new Int32Array(n);
  let row = 0;
  feedback.forEach((f, s) => {
    for (let p = 0; p < f.rewards.length; p++, row++) {
      scores.set(f.scores.subarray(p * K, (p + 1) * K), row * K);
      positions[row * P + Math.min(p, P - 1)] = 1;
      clicks[row] = f.clicked[p] ? 1 : 0;
      slate[row] = s;
    }
  });
  for (let k = 0; k < K && n > 0; k++) {
    let mean = 0;
    for (let r = 0; r < n; r++) mean += scores[r * K + k];
    mean /= n;
    for (let r = 0; r < n; r++) scores[r * K + k] -= mean;
  }
  return { n, scores, positions, clicks, slate };
}

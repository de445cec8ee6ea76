import { topN } from "../metrics/ranking.js";

/**
 * Maximal marginal relevance: from the best `pool` items by score, pick greedily the item maximising
 * (1 − λ)·score − λ·max cosine similarity to the items already picked. λ = 0 is plain top-k.
 */
export function selectSlate(
  scores: ArrayLike<number>,
  k: number,
  exclude: Set<number>,
  diversity: number,
  pool: number,
  embeddings?: { dim: number; vectors: Float32Array },
): number[] {
  if (diversity <= 0 || !embeddings) return topN(scores, k, exclude);
  const candidates = topN(scores, Math.max(k, pool), exclude);
  const { dim, vectors } = embeddings;
  const slate: number[] = [];
  const maxSim = new Float64Array(candidates.length).fill(-Infinity);
  const used = new Uint8Array(candidates.length);
  while (slate.length < Math.min(k, candidates.length)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let c = 0; c < candidates.length; c++) {
      if (used[c]) continue;
      const penalty = slate.length === 0 ? 0 : maxSim[c];
      const value = (1 - diversity) * scores[candidates[c]] - diversity * penalty;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    used[best] = 1;
    const chosen = candidates[best];
    slate.push(chosen);
    for (let c = 0; c < candidates.length; c++) {
      if (used[c]) continue;
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += vectors[chosen * dim + j] * vectors[candidates[c] * dim + j];
      if (dot > maxSim[c]) maxSim[c] = dot;
    }
  }
  return slate;
}

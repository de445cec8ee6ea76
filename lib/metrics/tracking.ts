/**
 * Tracking error of profile weights (lib/weighting/profile.ts) against the true interest.
 * The truth is mapped into the same embedding space: t_u = Σ_k θ_uk·m_k, where m_k is topic k's centroid,
 * the mean of the centred embeddings (e_i − ē) of the present items weighted by their true topic share φ_ik.
 * The error is 1 − cos(p_u, t_u): 0 when the profile points where the true interest does, 1 when unrelated,
 * up to 2 when opposite. Only the direction counts, so the profile's scale (which depends on α and the
 * rewards) does not.
 */
export function topicCentroids(features: Float32Array, T: number, vectors: Float32Array, dim: number, items: number, mean: Float64Array): Float64Array {
  const out = new Float64Array(T * dim);
  const mass = new Float64Array(T);
  for (let i = 0; i < items; i++) {
    for (let k = 0; k < T; k++) {
      const f = features[i * T + k];
      if (f === 0) continue;
      mass[k] += f;
      for (let d = 0; d < dim; d++) out[k * dim + d] += f * (vectors[i * dim + d] - mean[d]);
    }
  }
  for (let k = 0; k < T; k++) if (mass[k] > 0) for (let d = 0; d < dim; d++) out[k * dim + d] /= mass[k];
  return out;
}

export function interestInEmbeddingSpace(theta: ArrayLike<number>, centroids: Float64Array, dim: number): Float64Array {
  const out = new Float64Array(dim);
  for (let k = 0; k < theta.length; k++) for (let d = 0; d < dim; d++) out[d] += theta[k] * centroids[k * dim + d];
  return out;
}

export function cosineError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let d = 0; d < a.length; d++) {
    ab += a[d] * b[d];
    aa += a[d] * a[d];
    bb += b[d] * b[d];
  }
  if (aa === 0 || bb === 0) return 1;
  return 1 - ab / Math.sqrt(aa * bb);
}

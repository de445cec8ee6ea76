/**
 * Smooth inverse frequency sentence embeddings (Arora, Liang & Ma, 2017): a sentence is the average of its word
 * vectors weighted by a / (a + p(w)), with the projection on the corpus's first principal component removed.
 */
export function sifWeights(counts: Float64Array, a: number): Float64Array {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => a / (a + c / total));
}

/** sentences.length × dim weighted averages (zero rows for sentences with no known word). */
export function sifAverage(sentences: Int32Array[], vectors: Float32Array, weights: Float64Array, dim: number): Float32Array {
  const out = new Float32Array(sentences.length * dim);
  sentences.forEach((ids, r) => {
    if (ids.length === 0) return;
    const row = out.subarray(r * dim, (r + 1) * dim);
    for (const w of ids) for (let j = 0; j < dim; j++) row[j] += weights[w] * vectors[w * dim + j];
    for (let j = 0; j < dim; j++) row[j] /= ids.length;
  });
  return out;
}

/** The top right singular vector of the (uncentred) rows, by power iteration on XᵀX from a fixed start. */
export function firstPrincipalComponent(rows: Float32Array, dim: number, iterations = 100): Float32Array {
  const n = rows.length / dim;
  let v = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(dim);
    for (let r = 0; r < n; r++) {
      let p = 0;
      for (let j = 0; j < dim; j++) p += rows[r * dim + j] * v[j];
      for (let j = 0; j < dim; j++) next[j] += p * rows[r * dim + j];
    }
    const norm = Math.sqrt(next.reduce((s, x) => s + x * x, 0));
    if (norm === 0) break;
    v = next.map((x) => x / norm);
  }
  return Float32Array.from(v);
}

/** Subtracts each row's projection on the unit vector `pc`, in place. */
export function removeComponent(rows: Float32Array, dim: number, pc: Float32Array): Float32Array {
  for (let r = 0; r < rows.length / dim; r++) {
    let p = 0;
    for (let j = 0; j < dim; j++) p += rows[r * dim + j] * pc[j];
    for (let j = 0; j < dim; j++) rows[r * dim + j] -= p * pc[j];
  }
  return rows;
}

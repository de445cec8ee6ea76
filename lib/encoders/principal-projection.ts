/**
 * Rows projected on their first `k` principal axes: y = (x − mean)·V, V the top-k eigenvectors of the rows'
 * covariance (dim × dim), found by power iteration with deflation (a fixed number of iterations from a fixed
 * start, so the result is deterministic). Returns the rows × k projections and the share of the variance kept.
 * With k ≥ dim the rows are only centred.
 */
export function principalProjection(rows: Float32Array, dim: number, k: number, iterations = 60): { projected: Float32Array; kept: number } {
  const n = rows.length / dim;
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let j = 0; j < dim; j++) mean[j] += rows[r * dim + j] / n;
  const cov = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < dim; j++) x[j] = rows[r * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) cov[a * dim + b] += x[a] * x[b];
  }
  let total = 0;
  for (let j = 0; j < dim; j++) total += cov[j * dim + j];
  const m = Math.min(k, dim);
  const axes = new Float64Array(m * dim);
  let kept = 0;
  for (let c = 0; c < m; c++) {
    let v = new Float64Array(dim).map((_, j) => (j === c ? 1 : 0) + 1 / Math.sqrt(dim));
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const next = new Float64Array(dim);
      for (let a = 0; a < dim; a++) {
        let s = 0;
        for (let b = 0; b < dim; b++) s += cov[a * dim + b] * v[b];
        next[a] = s;
      }
      const norm = Math.sqrt(next.reduce((s, y) => s + y * y, 0));
      if (norm === 0) break;
      lambda = norm;
      v = next.map((y) => y / norm);
    }
    axes.set(v, c * dim);
    kept += lambda;
    // deflate: cov ← cov − λ v vᵀ
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) cov[a * dim + b] -= lambda * v[a] * v[b];
  }
  const projected = new Float32Array(n * m);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < dim; j++) x[j] = rows[r * dim + j] - mean[j];
    for (let c = 0; c < m; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += x[j] * axes[c * dim + j];
      projected[r * m + c] = s;
    }
  }
  return { projected, kept: total > 0 ? kept / total : 1 };
}

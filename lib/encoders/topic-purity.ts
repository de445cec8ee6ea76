/**
 * Nearest-neighbour topic purity: for each row, the share of its k most cosine-similar other rows that carry
 * the same label, averaged over rows. Rows are expected L2-normalised (a dot product is the cosine).
 */
export function topicPurity(vectors: Float32Array, dim: number, labels: ArrayLike<number>, k: number): number {
  const n = labels.length;
  if (n < 2) return 0;
  const m = Math.min(k, n - 1);
  const sims = new Float64Array(n);
  const order = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += vectors[i * dim + d] * vectors[j * dim + d];
      sims[j] = j === i ? -Infinity : s;
      order[j] = j;
    }
    order.sort((a, b) => sims[b] - sims[a] || a - b);
    let same = 0;
    for (let r = 0; r < m; r++) if (labels[order[r]] === labels[i]) same++;
    total += same / m;
  }
  return total / n;
}

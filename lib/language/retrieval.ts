import { topN } from "../metrics/ranking.js";

/**
 * Query→item retrieval: for each query (a row of `queries`), the items ranked by dot product with it (rows are
 * L2-normalised, so by cosine; ties to the lower id), and the share of the top k that are about the query's
 * topic (the item's main topic). Returns the mean precision@k over queries.
 */
export function retrievalPrecision(queries: Float32Array, queryTopics: ArrayLike<number>, items: Float32Array, itemTopics: ArrayLike<number>, dim: number, k: number): number {
  const n = queryTopics.length;
  const m = itemTopics.length;
  if (n === 0) return 0;
  const scores = new Float64Array(m);
  let total = 0;
  for (let q = 0; q < n; q++) {
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += queries[q * dim + j] * items[i * dim + j];
      scores[i] = s;
    }
    total += topN(scores, k).filter((i) => itemTopics[i] === queryTopics[q]).length / k;
  }
  return total / n;
}

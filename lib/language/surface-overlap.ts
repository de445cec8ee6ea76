import { tokenize } from "../encoders/encoder.js";

export interface SurfaceOverlap {
  /** Mean token Jaccard |q ∩ d| / |q ∪ d| between a query and an item it is about. */
  jaccard: number;
  /** Share of those (query, item) pairs with no token in common. */
  disjoint: number;
  /** precision@k of exact-token retrieval: items ranked by Jaccard with the query (ties to the lower id). */
  precision: number;
}

/**
 * How much a query's words overlap the descriptions of the items it is about (items whose main topic is the
 * query's topic), and how well matching exact tokens alone retrieves them.
 */
export function surfaceOverlap(queries: { text: string; topic: number }[], itemTexts: string[], itemTopics: ArrayLike<number>, k: number): SurfaceOverlap {
  const items = itemTexts.map((t) => new Set(tokenize(t)));
  let jaccard = 0;
  let disjoint = 0;
  let pairs = 0;
  let precision = 0;
  const scores = new Float64Array(items.length);
  for (const q of queries) {
    const words = new Set(tokenize(q.text));
    items.forEach((d, i) => {
      let shared = 0;
      for (const w of words) if (d.has(w)) shared++;
      scores[i] = shared / (words.size + d.size - shared || 1);
      if (itemTopics[i] === q.topic) {
        jaccard += scores[i];
        if (shared === 0) disjoint++;
        pairs++;
      }
    });
    const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
    precision += order.slice(0, k).filter((i) => itemTopics[i] === q.topic).length / k;
  }
  return { jaccard: pairs ? jaccard / pairs : 0, disjoint: pairs ? disjoint / pairs : 0, precision: queries.length ? precision / queries.length : 0 };
}

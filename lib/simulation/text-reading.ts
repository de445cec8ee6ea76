import { topN } from "../metrics/ranking.js";
import type { TextEvent } from "../recommenders/recommender.js";
import type { SlateRewards } from "./feedback-rewards.js";

/** A text a user wrote in a round and what the run's text model made of it (for the playground's step panel). */
export interface TextReading {
  kind: "query" | "review";
  text: string;
  /** Queries: titles of the present items whose vectors are closest to the query's, best first. */
  nearest?: string[];
  /** Reviews: the reader's probability that the review is positive, and the reward it gave the purchase. */
  positive?: number;
  reward?: number;
}

/** The user's queries of the round (with their nearest items) and reviews (with their reading), in that order. */
export function readTexts(
  user: number,
  texts: TextEvent[],
  reviews: SlateRewards["reviews"],
  encodeText: ((texts: string[]) => Float32Array) | undefined,
  embeddings: { dim: number; vectors: Float32Array },
  items: number,
  titles: string[],
  nearest = 3,
): TextReading[] {
  const queries = texts.filter((t) => t.user === user && t.kind === "query").map((t) => t.text);
  const out: TextReading[] = queries.map((text) => ({ kind: "query", text }));
  if (encodeText && queries.length > 0) {
    const { dim, vectors } = embeddings;
    const encoded = encodeText(queries);
    const scores = new Float64Array(items);
    out.forEach((reading, q) => {
      for (let i = 0; i < items; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += encoded[q * dim + j] * vectors[i * dim + j];
        scores[i] = s;
      }
      reading.nearest = topN(scores, nearest).map((i) => titles[i]);
    });
  }
  for (const r of reviews) out.push({ kind: "review", text: r.text, positive: r.positive, reward: r.reward });
  return out;
}

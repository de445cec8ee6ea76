import { topN } from "../metrics/ranking.js";
import type { TextEvent } from "../recommenders/recommender.js";
import type { SlateRewards } from "./feedback-rewards.js";

/** A review as the run's reader read it, with its author. */
export type ReviewReading = SlateRewards["reviews"][number] & { user: number };

/** A text a user wrote in a round and what the run's text model made of it (for the playground's step panel). */
export interface TextReading {
  user: number;
  kind: "query" | "review";
  text: string;
  /** Queries: descriptions of the present items whose vectors are closest to the query's, best first. */
  nearest?: string[];
  /** Reviews: the reader's probability that the review is positive, and the reward it gave the purchase. */
  positive?: number;
  reward?: number;
}

/**
 * The round's texts of `user` and what the text model made of them: queries with their nearest items, then
 * reviews with their reading. When the user wrote no query (no review), the round's first query (review) by
 * anyone stands in, so a teaching panel has something to show in most rounds.
 */
export function readTexts(
  user: number,
  texts: TextEvent[],
  reviews: ReviewReading[],
  encodeText: ((texts: string[]) => Float32Array) | undefined,
  embeddings: { dim: number; vectors: Float32Array },
  items: number,
  descriptions: string[],
  nearest = 3,
): TextReading[] {
  const queries = texts.filter((t) => t.kind === "query");
  const own = queries.filter((t) => t.user === user);
  const shown = own.length > 0 ? own : queries.slice(0, 1);
  const out: TextReading[] = shown.map((t) => ({ user: t.user, kind: "query", text: t.text }));
  if (encodeText && shown.length > 0) {
    const { dim, vectors } = embeddings;
    const encoded = encodeText(shown.map((t) => t.text));
    const scores = new Float64Array(items);
    out.forEach((reading, q) => {
      for (let i = 0; i < items; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += encoded[q * dim + j] * vectors[i * dim + j];
        scores[i] = s;
      }
      reading.nearest = topN(scores, nearest).map((i) => descriptions[i]);
    });
  }
  const ownReviews = reviews.filter((r) => r.user === user);
  for (const r of ownReviews.length > 0 ? ownReviews : reviews.slice(0, 1)) {
    out.push({ user: r.user, kind: "review", text: r.text, positive: r.positive, reward: r.reward });
  }
  return out;
}

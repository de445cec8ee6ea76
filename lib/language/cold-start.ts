import { rankingScores, topN } from "../metrics/ranking.js";
import type { Stream } from "../random/stream.js";
import { queryPhrases } from "../world/text.js";
import type { Vocabulary } from "../world/topics.js";
import { sayQuery } from "../world/wording.js";
import type { World } from "../world/world.js";

/**
 * Content on cold start: users with no history but `queries` search queries, drawn from their current interest
 * as the world draws them (catalogue phrases from `stream`, worded at `rate` from `wording`). Each user's
 * profile is the mean of their query vectors (what the content component's profile is before any click), items
 * are ranked by cosine to it, and NDCG@k is taken against the world's relevance (the user's top relevantN items
 * by noise-free utility). Returns the mean NDCG@k over the world's present users at its current round.
 */
export function coldStartNdcg(
  world: World,
  encode: (texts: string[]) => Float32Array,
  itemVectors: Float32Array,
  dim: number,
  options: { queries: number; k: number; rate: number; vocabulary: Vocabulary; stream: Stream; wording: Stream },
): number {
  const { items, users } = world.state;
  const present = Int32Array.from({ length: users }, (_, u) => u);
  const truth = world.utilities(present, items);
  const texts: string[] = [];
  for (let u = 0; u < users; u++) {
    const theta = world.interest(u);
    for (let j = 0; j < options.queries; j++) texts.push(sayQuery(queryPhrases(theta, options.vocabulary, options.stream), options.vocabulary, options.rate, options.wording));
  }
  const vectors = encode(texts);
  const profile = new Float64Array(dim);
  const scores = new Float64Array(items);
  let total = 0;
  for (let u = 0; u < users; u++) {
    profile.fill(0);
    for (let j = 0; j < options.queries; j++) for (let d = 0; d < dim; d++) profile[d] += vectors[(u * options.queries + j) * dim + d];
    for (let i = 0; i < items; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += profile[d] * itemVectors[i * dim + d];
      scores[i] = s;
    }
    const relevant = new Set(topN(truth.subarray(u * items, (u + 1) * items), world.config.relevantN));
    total += rankingScores(topN(scores, options.k), relevant, options.k).ndcg;
  }
  return users ? total / users : 0;
}

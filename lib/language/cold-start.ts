import { rankingScores, topN } from "../metrics/ranking.js";
import type { Stream } from "../random/stream.js";
import { queryPhrases } from "../world/text.js";
import type { Vocabulary } from "../world/topics.js";
import { sayQuery } from "../world/wording.js";
import type { World } from "../world/world.js";

/**
 * `perUser` search queries of each present user of the world, drawn from the user's current interest as the
 * world draws them (catalogue phrases from `stream`, worded at paraphrase rate `rate` from `wording`), user by user.
 */
export function coldStartQueries(world: World, vocabulary: Vocabulary, perUser: number, rate: number, stream: Stream, wording: Stream): string[] {
  const texts: string[] = [];
  for (let u = 0; u < world.state.users; u++) {
    const theta = world.interest(u);
    for (let j = 0; j < perUser; j++) texts.push(sayQuery(queryPhrases(theta, vocabulary, stream), vocabulary, rate, wording));
  }
  return texts;
}

/**
 * Content on cold start: users with no history but their search queries (coldStartQueries, `perUser` each, as
 * rows of `queryVectors`). A user's profile is the sum of their query vectors (the direction the content
 * component's profile takes before any click), items are ranked by dot product with it (ties to the lower id),
 * and NDCG@k is taken against the world's relevance: the user's top relevantN items by noise-free utility at the
 * world's current round. Returns the mean over the world's present users.
 */
export function coldStartNdcg(world: World, queryVectors: Float32Array, perUser: number, itemVectors: Float32Array, dim: number, k: number): number {
  const { items, users } = world.state;
  const truth = world.utilities(Int32Array.from({ length: users }, (_, u) => u), items);
  const profile = new Float64Array(dim);
  const scores = new Float64Array(items);
  let total = 0;
  for (let u = 0; u < users; u++) {
    profile.fill(0);
    for (let j = 0; j < perUser; j++) for (let d = 0; d < dim; d++) profile[d] += queryVectors[(u * perUser + j) * dim + d];
    for (let i = 0; i < items; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += profile[d] * itemVectors[i * dim + d];
      scores[i] = s;
    }
    const relevant = new Set(topN(truth.subarray(u * items, (u + 1) * items), world.config.relevantN));
    total += rankingScores(topN(scores, k), relevant, k).ndcg;
  }
  return users ? total / users : 0;
}

import type { Recommender, RecommenderContext, ScoreRequest } from "./recommender.js";

/** Scores by the world's noise-free utility: the upper bound, and the reference slate for regret. */
export function createOracle(context: RecommenderContext): Recommender {
  const truth = context.truth;
  if (!truth) throw new Error("recommender.components: 'oracle' needs the world's truth, which this run does not provide");
  return {
    name: "oracle",
    score({ users, items }: ScoreRequest) {
      return truth.utilities(users, items).slice();
    },
    observe() {},
    dispose() {},
  };
}

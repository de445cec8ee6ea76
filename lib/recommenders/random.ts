import type { Recommender, RecommenderContext, ScoreRequest } from "./recommender.js";

/** Uniform random scores: the floor every learned component must beat. */
export function createRandom(context: RecommenderContext): Recommender {
  const stream = context.stream;
  return {
    name: "random",
    score({ users, items }: ScoreRequest) {
      const out = new Float32Array(users.length * items);
      for (let j = 0; j < out.length; j++) out[j] = stream.next();
      return out;
    },
    observe() {},
    dispose() {},
  };
}

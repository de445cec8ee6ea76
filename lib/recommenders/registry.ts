import { createOracle } from "./oracle.js";
import { createPopularity } from "./popularity.js";
import { createRandom } from "./random.js";
import type { Recommender, RecommenderContext } from "./recommender.js";

export type RecommenderFactory = (context: RecommenderContext) => Recommender;

const FACTORIES: Record<string, RecommenderFactory> = {
  random: createRandom,
  popularity: createPopularity,
  oracle: createOracle,
};

export const COMPONENTS = Object.keys(FACTORIES);

export function createRecommender(name: string, context: RecommenderContext): Recommender {
  const factory = FACTORIES[name];
  if (!factory) throw new Error(`recommender.components: unknown component '${name}' (allowed: ${COMPONENTS.join(", ")})`);
  return factory(context);
}

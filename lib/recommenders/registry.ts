import { createContent } from "./content.js";
import { createItemCf } from "./item-cf.js";
import { createMf } from "./mf.js";
import { createOracle } from "./oracle.js";
import { createPopularity } from "./popularity.js";
import { createRandom } from "./random.js";
import type { Recommender, RecommenderContext } from "./recommender.js";
import { createSequence } from "./sequence.js";
import { createUserCf } from "./user-cf.js";

export type RecommenderFactory = (context: RecommenderContext) => Recommender;

const FACTORIES: Record<string, RecommenderFactory> = {
  random: createRandom,
  popularity: createPopularity,
  oracle: createOracle,
  "item-cf": createItemCf,
  "user-cf": createUserCf,
  content: createContent,
  mf: createMf,
  sequence: createSequence,
};

export const COMPONENTS = Object.keys(FACTORIES);

export function createRecommender(name: string, context: RecommenderContext): Recommender {
  const factory = FACTORIES[name];
  if (!factory) throw new Error(`recommender.components: unknown component '${name}' (allowed: ${COMPONENTS.join(", ")})`);
  return factory(context);
}

import { choice, integer, keyed, names, number, section, type ValueOf } from "../config/fields.js";
import { DEFAULT_RANK_CONSTANT, NORMALISATIONS } from "./normalise.js";

/**
 * The hybrid recommender (`recommender.*`). `components` takes its allowed names, and `options` its sections, from
 * the component registry (registry.ts), which imports every component and so cannot be imported here.
 */
export const RECOMMENDER_SCHEMA = section({
  components: names(["popularity", "random"], "The components blended, in order (registry.ts).", "component"),
  k: integer(10, [1, 1000], "Slate length."),
  diversity: number(0, [0, 1], "MMR trade-off λ_div in [0, 1]: 0 ranks by score alone, 1 by dissimilarity alone."),
  pool: integer(50, [1, 1e6], "MMR re-ranks the best `pool` items by blended score."),
  normalisation: choice(NORMALISATIONS, "reciprocal", "Per-user score normalisation before blending (normalise.ts)."),
  rankConstant: number(DEFAULT_RANK_CONSTANT, [0.001, 1e6], "The constant c of `reciprocal` normalisation: the item ranked c-th by a component gets 0.5."),
  options: keyed("component", "Per-component options, by component name."),
});

export type RecommenderConfig = ValueOf<typeof RECOMMENDER_SCHEMA>;

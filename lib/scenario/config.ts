import type { Normalisation } from "../recommenders/normalise.js";
import { DEFAULT_POLICY_CONFIG, type PolicyConfig } from "../weighting/config.js";
import { DEFAULT_WORLD_CONFIG, type WorldConfig } from "../world/config.js";

export interface RecommenderConfig {
  components: string[];
  /** Slate length. */
  k: number;
  /** MMR trade-off λ_div in [0, 1]: 0 ranks by score alone, 1 by dissimilarity alone. */
  diversity: number;
  /** MMR re-ranks the best `pool` items by blended score. */
  pool: number;
  normalisation: Normalisation;
  /** The constant c of `reciprocal` normalisation: the item ranked c-th by a component gets 0.5. */
  rankConstant: number;
  /** Per-component options, by component name. */
  options: Record<string, Record<string, unknown>>;
}

export interface EncoderConfig {
  /** hashing | lm | pretrained | minilm. */
  kind: string;
  /** Vector size of hashing and lm (pretrained has its vectors' size, 100; minilm its model's, 384). */
  dim: number;
  /** Encoder to use when `kind` has no model available (none: fail with a message naming the options). */
  fallback: string;
}

export interface RunConfig {
  rounds: number;
  seed: number;
}

/** Where the world comes from. */
export interface DataConfig {
  /** synthetic: generated from world.*; movielens: items and users calibrated from a MovieLens release (lib/data). */
  source: string;
  /** The release's directory; empty for the run's --data DIR, else ./data/ml-latest-small. */
  dir: string;
}

export interface ScenarioConfig {
  name: string;
  description: string;
  world: WorldConfig;
  recommender: RecommenderConfig;
  policy: PolicyConfig;
  encoder: EncoderConfig;
  run: RunConfig;
  data: DataConfig;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export const DEFAULT_SCENARIO: ScenarioConfig = {
  name: "custom",
  description: "",
  world: DEFAULT_WORLD_CONFIG,
  recommender: { components: ["popularity", "random"], k: 10, diversity: 0, pool: 50, normalisation: "reciprocal", rankConstant: 10, options: {} },
  policy: DEFAULT_POLICY_CONFIG,
  encoder: { kind: "hashing", dim: 64, fallback: "none" },
  run: { rounds: 200, seed: 1 },
  data: { source: "synthetic", dir: "" },
};

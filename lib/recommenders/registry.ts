import { ConfigError } from "../config/error.js";
import { section, type SectionField } from "../config/fields.js";
import { CONTENT_OPTIONS, createContent } from "./content.js";
import { createItemCf, ITEM_CF_OPTIONS } from "./item-cf.js";
import { createMf, MF_OPTIONS } from "./mf.js";
import { createOracle } from "./oracle.js";
import { createPopularity, POPULARITY_OPTIONS } from "./popularity.js";
import { createRandom } from "./random.js";
import type { Recommender, RecommenderContext } from "./recommender.js";
import { createSequence, SEQUENCE_OPTIONS } from "./sequence.js";
import { createUserCf, USER_CF_OPTIONS } from "./user-cf.js";

export type RecommenderFactory = (context: RecommenderContext) => Recommender;

/** A component: its factory and its options (`recommender.options.<name>`; an empty section: none). */
interface ComponentSpec {
  create: RecommenderFactory;
  options: SectionField;
  /** What the memory estimate needs to know (lib/simulation/memory.ts). */
  memory?: ComponentMemory;
}

export interface ComponentMemory {
  /** Its scores are one row shared by every user (its recommender is `userIndependent`): normalised once. */
  shared?: boolean;
  /** It keeps tensors in TensorFlow.js (WASM memory, which grows to its peak and stays there). */
  tensorflow?: boolean;
}

const NONE = section({});

const SPECS: Record<string, ComponentSpec> = {
  random: { create: createRandom, options: NONE },
  popularity: { create: createPopularity, options: POPULARITY_OPTIONS, memory: { shared: true } },
  oracle: { create: createOracle, options: NONE },
  "item-cf": { create: createItemCf, options: ITEM_CF_OPTIONS },
  "user-cf": { create: createUserCf, options: USER_CF_OPTIONS },
  content: { create: createContent, options: CONTENT_OPTIONS },
  mf: { create: createMf, options: MF_OPTIONS, memory: { tensorflow: true } },
  sequence: { create: createSequence, options: SEQUENCE_OPTIONS, memory: { tensorflow: true } },
};

export const COMPONENTS = Object.keys(SPECS);

/** Each component's options, `recommender.options.<name>`. */
export const COMPONENT_OPTIONS: Record<string, SectionField> = Object.fromEntries(COMPONENTS.map((name) => [name, SPECS[name].options]));

export function componentMemory(name: string): ComponentMemory {
  return (Object.hasOwn(SPECS, name) ? SPECS[name].memory : undefined) ?? {};
}

export function createRecommender(name: string, context: RecommenderContext): Recommender {
  const spec = Object.hasOwn(SPECS, name) ? SPECS[name] : undefined;
  if (!spec) throw new ConfigError(`recommender.components: unknown component '${name}' (allowed: ${COMPONENTS.join(", ")})`);
  return spec.create(context);
}

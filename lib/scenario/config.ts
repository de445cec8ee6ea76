import { allowing, defaults, section, text, withEntries, type ValueOf } from "../config/fields.js";
import { DATA_SCHEMA } from "../data/config.js";
import { ENCODER_SCHEMA } from "../encoders/config.js";
import { RECOMMENDER_SCHEMA } from "../recommenders/config.js";
import { COMPONENT_OPTIONS, COMPONENTS } from "../recommenders/registry.js";
import { RUN_SCHEMA } from "../simulation/config.js";
import { POLICY_SCHEMA } from "../weighting/config.js";
import { POLICY_KINDS, POLICY_OPTIONS } from "../weighting/registry.js";
import { WORLD_SCHEMA } from "../world/config.js";

export type { DataConfig } from "../data/config.js";
export type { EncoderConfig } from "../encoders/config.js";
export type { RecommenderConfig } from "../recommenders/config.js";
export type { RunConfig } from "../simulation/config.js";

/**
 * A scenario = world + components + policy + encoder + run settings (DESIGN §8): the sections their owners
 * declare, with the names the registries know (components, policy kinds) and their option sections filled in.
 * The one schema a scenario file, `--set`, a sweep's grid and a page's controls are checked against.
 */
export const SCENARIO_SCHEMA = section({
  name: text("custom", "The scenario's name (a file's name when it gives none)."),
  description: text("", "What the scenario is for, in a sentence."),
  world: WORLD_SCHEMA,
  recommender: section(
    {
      ...RECOMMENDER_SCHEMA.fields,
      components: allowing(RECOMMENDER_SCHEMA.fields.components, COMPONENTS, "component"),
      options: withEntries(RECOMMENDER_SCHEMA.fields.options, COMPONENT_OPTIONS),
    },
    RECOMMENDER_SCHEMA.doc,
  ),
  policy: section(
    {
      ...POLICY_SCHEMA.fields,
      kind: allowing(POLICY_SCHEMA.fields.kind, POLICY_KINDS, "policy kind"),
      options: withEntries(POLICY_SCHEMA.fields.options, POLICY_OPTIONS),
    },
    POLICY_SCHEMA.doc,
  ),
  encoder: ENCODER_SCHEMA,
  run: RUN_SCHEMA,
  data: DATA_SCHEMA,
});

export type ScenarioConfig = ValueOf<typeof SCENARIO_SCHEMA>;

export const DEFAULT_SCENARIO: ScenarioConfig = defaults(SCENARIO_SCHEMA);

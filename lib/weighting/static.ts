import type { PolicyConfig } from "./config.js";
import { initialWeights } from "./config.js";
import { CreditAssigner } from "./credit.js";
import { section } from "../config/fields.js";
import { LEVELS } from "./levels.js";
import type { PolicySpec, WeightPolicy } from "./policy.js";

/**
 * Fixed weights (uniform unless `policy.weights` says otherwise): the baseline every adaptive policy must beat.
 * It learns nothing; `update` returns the centred credit only so that a trace can show it.
 */
export function createStaticPolicy(components: string[], config: PolicyConfig): WeightPolicy {
  const pi = initialWeights(components, config.weights);
  const credit = new CreditAssigner(components.length, config.credit, config.rewards);
  return {
    kind: "static",
    components,
    weights: () => pi,
    peek: () => pi,
    update: (_round, feedback) => credit.credits(feedback),
    global: () => pi,
    dispose() {},
  };
}

/** Learns nothing, so every level serves the same fixed weights. */
export const STATIC_POLICY: PolicySpec = {
  create: createStaticPolicy,
  options: section({}),
  levels: LEVELS,
  doc: () => "Fixed weights (uniform unless policy.weights says otherwise) that learn nothing: the baseline every adaptive policy must beat.",
};

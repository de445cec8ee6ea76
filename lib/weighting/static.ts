import type { PolicyConfig } from "./config.js";
import { initialWeights } from "./config.js";
import type { WeightPolicy } from "./policy.js";

/** Fixed weights (uniform unless `policy.weights` says otherwise): the baseline every adaptive policy must beat. */
export function createStaticPolicy(components: string[], config: PolicyConfig): WeightPolicy {
  const pi = initialWeights(components, config.weights);
  return {
    kind: "static",
    components,
    weights: () => pi,
    update() {},
    global: () => pi,
    dispose() {},
  };
}

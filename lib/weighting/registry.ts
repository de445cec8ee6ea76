import type { PolicyConfig } from "./config.js";
import type { WeightPolicy } from "./policy.js";
import { createRulePolicy } from "./rule-policy.js";
import { RULES } from "./rules.js";
import { createStaticPolicy } from "./static.js";

export type PolicyFactory = (components: string[], config: PolicyConfig) => WeightPolicy;

const FACTORIES: Record<string, PolicyFactory> = {
  static: createStaticPolicy,
  ...Object.fromEntries(RULES.map((rule) => [rule, createRulePolicy])),
};

export const POLICY_KINDS = Object.keys(FACTORIES);

export function createPolicy(components: string[], config: PolicyConfig): WeightPolicy {
  const factory = FACTORIES[config.kind];
  if (!factory) throw new Error(`policy.kind: unknown policy '${config.kind}' (allowed: ${POLICY_KINDS.join(", ")})`);
  return factory(components, config);
}

import type { PolicyConfig } from "./config.js";
import { createExp3Policy } from "./exp3.js";
import { createLogisticPolicy } from "./logistic.js";
import { createNeuralPolicy } from "./neural.js";
import { createOracleWeightsPolicy } from "./oracle-weights.js";
import type { PolicyEnvironment, WeightPolicy } from "./policy.js";
import { createRulePolicy } from "./rule-policy.js";
import { RULES } from "./rules/index.js";
import { createStaticPolicy } from "./static.js";
import { createThompsonPolicy } from "./thompson.js";

export type PolicyFactory = (components: string[], config: PolicyConfig, env: PolicyEnvironment) => WeightPolicy;

const FACTORIES: Record<string, PolicyFactory> = {
  static: createStaticPolicy,
  ...Object.fromEntries(RULES.map((rule) => [rule, createRulePolicy])),
  exp3: createExp3Policy,
  thompson: createThompsonPolicy,
  logistic: createLogisticPolicy,
  neural: createNeuralPolicy,
  "oracle-weights": createOracleWeightsPolicy,
};

export const POLICY_KINDS = Object.keys(FACTORIES);

/** Policies that may see the world's truth (the simulation passes them `env.oracle`, and no other policy). */
export const TRUTH_POLICIES = ["oracle-weights"];

/** Policies built on TensorFlow.js (they need a backend set at the entry point). */
export const TENSOR_POLICIES = ["logistic", "neural"];

export function createPolicy(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy {
  const factory = FACTORIES[config.kind];
  if (!factory) throw new Error(`policy.kind: unknown policy '${config.kind}' (allowed: ${POLICY_KINDS.join(", ")})`);
  return factory(components, config, env);
}

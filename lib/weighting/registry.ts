import { ConfigError } from "../config/error.js";
import type { SectionField } from "../config/fields.js";
import { LLM_POLICY } from "../llm/policy.js";
import type { PolicyConfig } from "./config.js";
import { EXP3_POLICY } from "./exp3.js";
import { LOGISTIC_POLICY } from "./logistic.js";
import { NEURAL_POLICY } from "./neural.js";
import { ORACLE_WEIGHTS_POLICY } from "./oracle-weights.js";
import type { PolicyEnvironment, PolicySpec, RuleParameterName, WeightPolicy } from "./policy.js";
import { RULE_POLICY } from "./rule-policy.js";
import { RULES } from "./rules/index.js";
import { STATIC_POLICY } from "./static.js";
import { THOMPSON_POLICY } from "./thompson.js";

const POLICIES: Record<string, PolicySpec> = {
  static: STATIC_POLICY,
  ...Object.fromEntries(RULES.map((rule) => [rule, RULE_POLICY])),
  exp3: EXP3_POLICY,
  thompson: THOMPSON_POLICY,
  logistic: LOGISTIC_POLICY,
  neural: NEURAL_POLICY,
  "oracle-weights": ORACLE_WEIGHTS_POLICY,
  llm: LLM_POLICY,
};

export const POLICY_KINDS = Object.keys(POLICIES);

/** Each kind's options, `policy.options.<kind>`. */
export const POLICY_OPTIONS: Record<string, SectionField> = Object.fromEntries(POLICY_KINDS.map((kind) => [kind, POLICIES[kind].options]));

/** Policies that may see the world's truth (the simulation passes them `env.oracle`, and no other policy). */
export const TRUTH_POLICIES = POLICY_KINDS.filter((kind) => POLICIES[kind].truth);

/**
 * Policies that ask a model outside the lab (llm): they run only with a backend or a transcript, so pages and
 * loaders that run "every policy" leave them out and add them where a transcript is at hand.
 */
export const MODEL_POLICIES = POLICY_KINDS.filter((kind) => POLICIES[kind].model);

/** Policies built on TensorFlow.js (they need a backend set at the entry point). */
export const TENSOR_POLICIES = POLICY_KINDS.filter((kind) => POLICIES[kind].tensor);

/**
 * The checks of a policy config that span fields: the level is one the kind supports, `policy.weights` names
 * only components of the run, with a positive sum, and the kind's own (PolicySpec.check). (Each field on its own
 * is checked by the schema.)
 */
export function checkPolicy(components: string[], config: PolicyConfig): void {
  const spec = Object.hasOwn(POLICIES, config.kind) ? POLICIES[config.kind] : undefined;
  if (!spec) throw new ConfigError(`policy.kind: unknown policy kind '${config.kind}' (allowed: ${POLICY_KINDS.join(", ")})`);
  if (!spec.levels.includes(config.level)) {
    throw new ConfigError(`policy.level: '${config.level}' is not supported by policy '${config.kind}' (allowed: ${spec.levels.join(", ")})`);
  }
  for (const name of Object.keys(config.weights)) {
    if (!components.includes(name)) throw new ConfigError(`policy.weights.${name}: not a component of this run (allowed: ${components.join(", ")})`);
  }
  const weights = Object.values(config.weights);
  if (weights.length > 0 && !(weights.reduce((s, w) => s + w, 0) > 0)) throw new ConfigError("policy.weights: must have a positive sum");
  spec.check?.(config);
}

/** What a policy kind does, in a sentence or two (its PolicySpec's doc), for this configuration. */
export function policyDoc(config: PolicyConfig): string {
  return spec(config.kind).doc(config);
}

/** Which of policy.alpha, beta and history this configuration's policy reads (the rest change nothing). */
export function policyReads(config: PolicyConfig): readonly RuleParameterName[] {
  return spec(config.kind).reads?.(config) ?? [];
}

function spec(kind: string): PolicySpec {
  const s = Object.hasOwn(POLICIES, kind) ? POLICIES[kind] : undefined;
  if (!s) throw new ConfigError(`policy.kind: unknown policy kind '${kind}' (allowed: ${POLICY_KINDS.join(", ")})`);
  return s;
}

export function createPolicy(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy {
  checkPolicy(components, config);
  return POLICIES[config.kind].create(components, config, env);
}

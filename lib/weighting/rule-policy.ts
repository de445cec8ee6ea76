import type { PolicyConfig } from "./config.js";
import { initialWeights } from "./config.js";
import { meanRow } from "./credit.js";
import type { Learner } from "./learner.js";
import { section } from "../config/fields.js";
import { createLevelledPolicy, LEVELS } from "./levels.js";
import { assertFinite } from "./non-finite.js";
import type { PolicyEnvironment, PolicySpec, RuleParameterName, WeightPolicy } from "./policy.js";
import { initialRuleState, ruleOf, step, type RuleKind, type RuleState } from "./rules/index.js";
import { capStep, toSimplex } from "./simplex.js";

/** The raw weight w that maps to π0 under the configured normalisation (so a run starts at policy.weights). */
export function rawFromSimplex(pi: Float64Array, config: PolicyConfig): Float64Array {
  if (config.simplex.kind === "softmax") return pi.map((p) => config.simplex.temperature * Math.log(Math.max(p, 1e-12)));
  return pi.slice();
}

function copyState(s: RuleState): RuleState {
  return { w: s.w.slice(), previous: s.previous.slice(), h: s.h.slice() };
}

/**
 * One cell of rule-updated blend weights: each round the rule steps w toward the mean credit of the cell's
 * slates; π = normalise(w) (softmax(w / τ), or max(w, ε) renormalised), moved by at most `maxStep` per component.
 */
export function createRuleLearner(components: string[], config: PolicyConfig, state?: RuleState, pi?: Float64Array, seen = 0): Learner {
  const kind = config.kind as RuleKind;
  const pi0 = initialWeights(components, config.weights);
  let s = state ?? initialRuleState(rawFromSimplex(pi0, config));
  let p = pi ?? pi0;
  let count = seen;
  return {
    draws: false,
    pi: () => p,
    serve: () => p,
    get seen() {
      return count;
    },
    learn(round, feedback, credits) {
      if (feedback.length === 0) return;
      s = step(kind, s, meanRow(credits, components.length), config);
      assertFinite(s.w, components, round);
      p = capStep(p, toSimplex(s.w, config.simplex), config.simplex.maxStep);
      assertFinite(p, components, round);
      count += feedback.length;
    },
    state: () => copyState(s),
    copy: () => createRuleLearner(components, config, copyState(s), p.slice(), count),
  };
}

/** ema, momentum, smoothed and seed-history at the configured level (global, user or segment). */
export function createRulePolicy(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy {
  return createLevelledPolicy(config.kind, components, config, env, createRuleLearner(components, config));
}

/** The parameters of policy.* an update rule reads: α always, β and H when its step does. */
export function ruleReads(kind: RuleKind): RuleParameterName[] {
  const rule = ruleOf(kind);
  return ["alpha", ...(rule.readsBeta ? (["beta"] as const) : []), ...(rule.readsHistory ? (["history"] as const) : [])];
}

/** Each update rule is a policy kind; its settings are policy.alpha, beta and history, so it has no options of its own. */
export const RULE_POLICY: PolicySpec = {
  create: createRulePolicy,
  options: section({}),
  levels: LEVELS,
  doc: (config) => `${ruleOf(config.kind as RuleKind).doc} π = normalise(w).`,
  reads: (config) => ruleReads(config.kind as RuleKind),
};

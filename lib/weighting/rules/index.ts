/**
 * The update rules of DESIGN §4, one file each, used at both levels (blend weights and profile weights).
 * `RULES` are the policy kinds; `EXPLAIN_RULES` adds `additive`, the form `drift-lab explain` also teaches.
 */
import { additive } from "./additive.js";
import { ema } from "./ema.js";
import { momentum } from "./momentum.js";
import { initialRuleState, type RuleParameters, type RuleState, type UpdateRule } from "./rule.js";
import { seedHistory } from "./seed-history.js";
import { smoothed } from "./smoothed.js";

export { initialRuleState } from "./rule.js";
export type { RuleParameters, RuleState, StabilityRegion, UpdateRule, WorkedStep } from "./rule.js";

export const RULES = ["ema", "momentum", "smoothed", "seed-history"] as const;
export type RuleKind = (typeof RULES)[number];

export const EXPLAIN_RULES = ["additive", ...RULES] as const;
export type ExplainRule = (typeof EXPLAIN_RULES)[number];

export const UPDATE_RULES: Record<ExplainRule, UpdateRule> = {
  additive,
  ema,
  momentum,
  smoothed,
  "seed-history": seedHistory,
};

export function ruleOf(kind: ExplainRule): UpdateRule {
  const rule = UPDATE_RULES[kind];
  if (!rule) throw new Error(`unknown update rule '${kind}' (allowed: ${EXPLAIN_RULES.join(", ")})`);
  return rule;
}

export function step(kind: ExplainRule, state: RuleState, r: ArrayLike<number>, p: RuleParameters): RuleState {
  return ruleOf(kind).step(state, r, p);
}

/** Whether the rule converges to a constant reward from any start (see each rule's `stability`). */
export function isStable(kind: ExplainRule, p: RuleParameters): boolean {
  return ruleOf(kind).stability.isStable(p);
}

/**
 * Rounds a rule takes, from rest (w = h = 0), to bring w within 1 − level of a reward that steps to 1 and stays
 * there: its lag after a shift in credit. ema: ⌈log(1 − level) / log(1 − α)⌉; smoothed adds the memory of h,
 * so the lag grows with β; momentum may overshoot and come back. Infinity if it does not settle in `max` rounds.
 */
export function stepResponseTime(kind: RuleKind, p: RuleParameters, level = 0.9, max = 100000): number {
  const rule = ruleOf(kind);
  let state = initialRuleState([0]);
  let settled = -1;
  for (let t = 1; t <= max; t++) {
    state = rule.step(state, [1], p);
    if (Math.abs(state.w[0] - 1) <= 1 - level) {
      if (settled < 0) settled = t;
    } else settled = -1;
    if (settled > 0 && t - settled >= 50) return settled;
  }
  return settled > 0 ? settled : Infinity;
}

import { initialRuleState, ruleOf, type ExplainRule, type RuleParameters } from "./rules/index.js";

export interface ExplainedStep {
  step: number;
  weights: number[];
  /** One line of arithmetic per item, e.g. "B: 0.5 + 0.1·(1 − 0.5) = 0.55". */
  lines: string[];
}

export interface Explanation {
  rule: ExplainRule;
  formula: string;
  steps: ExplainedStep[];
  final: number[];
  stable: boolean;
  /** Why (not) stable, in words. */
  stability: string;
}

/** Rounds to 10 significant digits so that 0.1 + 0.45 prints as 0.55, not 0.5499999999999999. */
export function tidy(x: number): number {
  return Number(x.toPrecision(10));
}

const f = (x: number) => String(tidy(x));
const signed = (x: number) => (x < 0 ? `(${f(x)})` : f(x));

function stabilityOf(rule: ExplainRule, p: RuleParameters, rewards: number[]): [boolean, string] {
  const { stability } = ruleOf(rule);
  if (stability.region === null) {
    const still = rewards.every((r) => r === 0);
    return [still, still ? "all rewards are 0, so nothing moves" : stability.noFixedPoint!];
  }
  return [stability.isStable(p), `${rule} converges to r for ${stability.region}`];
}

/** The update arithmetic step by step under a constant reward vector, one coordinate per item. */
export function explain(rule: ExplainRule, p: RuleParameters, weights: number[], rewards: number[], steps: number, names: string[]): Explanation {
  const update = ruleOf(rule);
  let state = initialRuleState(weights);
  const out: ExplainedStep[] = [];
  for (let t = 1; t <= steps; t++) {
    const next = update.step(state, rewards, p);
    const lines = weights.map((_, k) => {
      const worked = { w: state.w[k], r: rewards[k], previous: state.previous[k], h: state.h[k], nextH: next.h[k], next: next.w[k], p };
      return `${names[k]}: ${update.worked(worked, f, signed)}`;
    });
    state = next;
    out.push({ step: t, weights: Array.from(state.w, tidy), lines });
  }
  const [stable, stability] = stabilityOf(rule, p, rewards);
  return { rule, formula: update.formula, steps: out, final: Array.from(state.w, tidy), stable, stability };
}

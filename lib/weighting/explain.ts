import { initialRuleState, isStable, RULES, step, type RuleKind, type RuleParameters } from "./rules.js";

/** The rules `explain` teaches: the four of rules.ts, and `additive`, the seeds' first form w ← w + α·r. */
export const EXPLAIN_RULES = ["additive", ...RULES] as const;
export type ExplainRule = (typeof EXPLAIN_RULES)[number];

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

export const FORMULAS: Record<ExplainRule, string> = {
  additive: "w ← w + α·r",
  ema: "w ← w + α·(r − w)",
  momentum: "w_{t+1} = w_t + α·(r − w_t) + β·(w_t − w_{t−1})",
  smoothed: "h ← β·h + (1 − β)·r;  w ← w + α·(h − w)",
  "seed-history": "w ← w + α·r·H",
};

/** Rounds to 10 significant digits so that 0.1 + 0.45 prints as 0.55, not 0.5499999999999999. */
export function tidy(x: number): number {
  return Number(x.toPrecision(10));
}

const f = (x: number) => String(tidy(x));
const signed = (x: number) => (x < 0 ? `(${f(x)})` : f(x));

function stabilityOf(rule: ExplainRule, p: RuleParameters, rewards: number[]): [boolean, string] {
  if (rule === "additive" || rule === "seed-history") {
    const still = rewards.every((r) => r === 0);
    return [still, still ? "all rewards are 0, so nothing moves" : "it adds α·r every step, so it has no fixed point while a reward is not 0"];
  }
  const stable = isStable(rule as RuleKind, p);
  const region: Record<string, string> = {
    ema: "converges to r for 0 < α < 2",
    momentum: "converges to r for 0 < α < 2(1 + β) and 0 ≤ β < 1",
    smoothed: "converges to r for 0 < α < 2 and 0 ≤ β < 1",
  };
  return [stable, `${rule} ${region[rule]}`];
}

/**
 * The update arithmetic step by step under a constant reward vector, one coordinate per item.
 * `additive` is seed-history with H = 1.
 */
export function explain(rule: ExplainRule, p: RuleParameters, weights: number[], rewards: number[], steps: number, names: string[]): Explanation {
  const kind: RuleKind = rule === "additive" ? "seed-history" : rule;
  const params = rule === "additive" ? { ...p, history: 1 } : p;
  let state = initialRuleState(weights);
  const out: ExplainedStep[] = [];
  for (let t = 1; t <= steps; t++) {
    const next = step(kind, state, rewards, params);
    const lines = weights.map((_, k) => {
      const w = state.w[k];
      const r = rewards[k];
      const a = f(params.alpha);
      const b = f(params.beta);
      const v = f(next.w[k]);
      switch (rule) {
        case "additive":
          return `${names[k]}: ${f(w)} + ${a}·${signed(r)} = ${v}`;
        case "seed-history":
          return `${names[k]}: ${f(w)} + ${a}·${signed(r)}·${f(params.history)} = ${v}`;
        case "ema":
          return `${names[k]}: ${f(w)} + ${a}·(${f(r)} − ${f(w)}) = ${v}`;
        case "momentum":
          return `${names[k]}: ${f(w)} + ${a}·(${f(r)} − ${f(w)}) + ${b}·(${f(w)} − ${f(state.previous[k])}) = ${v}`;
        case "smoothed":
          return `${names[k]}: h = ${b}·${signed(state.h[k])} + (1 − ${b})·${signed(r)} = ${f(next.h[k])};  w = ${f(w)} + ${a}·(${f(next.h[k])} − ${f(w)}) = ${v}`;
      }
    });
    state = next;
    out.push({ step: t, weights: Array.from(state.w, tidy), lines });
  }
  const [stable, stability] = stabilityOf(rule, params, rewards);
  return { rule, formula: FORMULAS[rule], steps: out, final: Array.from(state.w, tidy), stable, stability };
}

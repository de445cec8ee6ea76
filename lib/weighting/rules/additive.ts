import { nextState, type StabilityRegion, type UpdateRule } from "./rule.js";

/** The stability of a rule that adds `increment` every step: no fixed point while a reward is not 0. */
export function accumulates(increment: string): StabilityRegion {
  return {
    isStable: () => false,
    region: null,
    noFixedPoint: "it adds α·r every step, so it has no fixed point while a reward is not 0",
    reason: `w grows by ${increment} every step, so under a constant reward other than 0 it never settles`,
  };
}

/** The source articles' first form (taught by `explain`, not a policy): the reward added as it comes. */
export const additive: UpdateRule = {
  name: "additive",
  formula: "w ← w + α·r",
  origin: "the source articles' first form",
  readsBeta: false,
  readsHistory: false,
  betaRole: "nothing",
  doc: "Adds the reward as it comes: w ← w + α·r. Taught by drift-lab explain; not a policy, since w never settles.",
  step(state, r, p) {
    const { w } = state;
    const next = nextState(state);
    for (let k = 0; k < w.length; k++) next.w[k] = w[k] + p.alpha * r[k];
    return next;
  },
  stability: accumulates("α·r"),
  worked: ({ w, r, next, p }, f, signed) => `${f(w)} + ${f(p.alpha)}·${signed(r)} = ${f(next)}`,
};

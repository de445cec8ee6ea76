import { nextState, type UpdateRule } from "./rule.js";

/** The source articles' rule: w moves a fraction α of the way toward the reward. */
export const ema: UpdateRule = {
  name: "ema",
  formula: "w ← w + α·(r − w)",
  origin: "the source articles' rule",
  readsBeta: false,
  readsHistory: false,
  betaRole: "nothing",
  doc: "The source articles' rule: every round each component's raw weight w moves a fraction α of the way toward its credit r.",
  step(state, r, p) {
    const { w } = state;
    const next = nextState(state);
    for (let k = 0; k < w.length; k++) next.w[k] = w[k] + p.alpha * (r[k] - w[k]);
    return next;
  },
  stability: {
    isStable: (p) => p.alpha > 0 && p.alpha < 2,
    region: "0 < α < 2",
    reason: "the distance w − r shrinks by the factor 1 − α every step, so w converges when |1 − α| < 1",
    edge: { text: "2", alpha: () => 2 },
  },
  worked: ({ w, r, next, p }, f) => `${f(w)} + ${f(p.alpha)}·(${f(r)} − ${f(w)}) = ${f(next)}`,
};

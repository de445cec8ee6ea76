import { nextState, type UpdateRule } from "./rule.js";

const EDGE = "2(1 + β)";

/** The history factor as inertia: w keeps moving the way it last moved. */
export const momentum: UpdateRule = {
  name: "momentum",
  formula: "w_{t+1} = w_t + α·(r − w_t) + β·(w_t − w_{t−1})",
  readsBeta: true,
  readsHistory: false,
  betaRole: "inertia: keeps moving the way it moved",
  doc: "ema with inertia: w also keeps moving the way it last moved, by β times its last step, so it overshoots and swings as α nears 2(1 + β).",
  step(state, r, p) {
    const { w, previous } = state;
    const next = nextState(state);
    for (let k = 0; k < w.length; k++) next.w[k] = w[k] + p.alpha * (r[k] - w[k]) + p.beta * (w[k] - previous[k]);
    return next;
  },
  stability: {
    isStable: (p) => p.alpha > 0 && p.beta >= 0 && p.beta < 1 && p.alpha < 2 * (1 + p.beta),
    region: `0 < α < ${EDGE} and 0 ≤ β < 1`,
    reason:
      "it is then the linear recurrence w_{t+1} = (1 − α + β)·w_t − β·w_{t−1} + α·r, which converges to r " +
      "exactly when both roots of z² − (1 − α + β)·z + β lie inside the unit circle; near the edge the roots approach −1 and " +
      "the weights oscillate, flipping sign every step",
    edge: { text: EDGE, alpha: (beta) => 2 * (1 + beta) },
  },
  worked: ({ w, r, previous, next, p }, f) =>
    `${f(w)} + ${f(p.alpha)}·(${f(r)} − ${f(w)}) + ${f(p.beta)}·(${f(w)} − ${f(previous)}) = ${f(next)}`,
};

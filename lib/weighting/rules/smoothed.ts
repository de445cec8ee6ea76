import { nextState, type UpdateRule } from "./rule.js";

/** The history factor as memory: w follows h, an exponential average of the rewards. */
export const smoothed: UpdateRule = {
  name: "smoothed",
  formula: "h ← β·h + (1 − β)·r;  w ← w + α·(h − w)",
  readsBeta: true,
  readsHistory: false,
  betaRole: "memory: averages rewards before following them",
  doc: "ema toward a memory of the credit: h averages past credit (β is how much of the past it keeps), and w follows h.",
  step(state, r, p) {
    const { w } = state;
    const next = nextState(state);
    const h = next.h;
    for (let k = 0; k < w.length; k++) {
      h[k] = p.beta * h[k] + (1 - p.beta) * r[k];
      next.w[k] = w[k] + p.alpha * (h[k] - w[k]);
    }
    return next;
  },
  stability: {
    isStable: (p) => p.alpha > 0 && p.alpha < 2 && p.beta >= 0 && p.beta < 1,
    region: "0 < α < 2 and 0 ≤ β < 1",
    reason: "h converges to r when 0 ≤ β < 1, and w follows h as ema follows r, so w converges when |1 − α| < 1",
    edge: { text: "2", alpha: () => 2 },
  },
  worked: ({ w, r, h, nextH, next, p }, f, signed) =>
    `h = ${f(p.beta)}·${signed(h)} + (1 − ${f(p.beta)})·${signed(r)} = ${f(nextH)};  w = ${f(w)} + ${f(p.alpha)}·(${f(nextH)} − ${f(w)}) = ${f(next)}`,
};

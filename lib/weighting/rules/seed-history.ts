import { accumulates } from "./additive.js";
import { nextState, type UpdateRule } from "./rule.js";

/** The source articles' second form: the reward scaled by a history coefficient H (a constant H only rescales α). */
export const seedHistory: UpdateRule = {
  name: "seed-history",
  formula: "w ← w + α·r·H",
  origin: "the source articles' second form",
  readsBeta: false,
  readsHistory: true,
  betaRole: "nothing (H is the history coefficient)",
  doc: "The source articles' second form: w ← w + α·r·H. A constant H only rescales α (α·H is the step), and w keeps adding, so it never settles.",
  step(state, r, p) {
    const { w } = state;
    const next = nextState(state);
    for (let k = 0; k < w.length; k++) next.w[k] = w[k] + p.alpha * r[k] * p.history;
    return next;
  },
  stability: accumulates("α·r·H"),
  worked: ({ w, r, next, p }, f, signed) => `${f(w)} + ${f(p.alpha)}·${signed(r)}·${f(p.history)} = ${f(next)}`,
};

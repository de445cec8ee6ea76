/**
 * The update rules of DESIGN §4, one module used at both levels (blend weights and profile weights).
 * State is per coordinate; `step` returns a new state and never mutates its input.
 *
 *   ema           w ← w + α·(r − w)
 *   momentum      w_{t+1} = w_t + α·(r_t − w_t) + β·(w_t − w_{t−1})
 *   smoothed      h_t = β·h_{t−1} + (1 − β)·r_t;  w ← w + α·(h_t − w)
 *   seed-history  w ← w + α·r·H   (H: the history coefficient)
 */
export const RULES = ["ema", "momentum", "smoothed", "seed-history"] as const;
export type RuleKind = (typeof RULES)[number];

export interface RuleParameters {
  alpha: number;
  /** History factor β of `momentum` and `smoothed`. */
  beta: number;
  /** History coefficient H of `seed-history`. */
  history: number;
}

export interface RuleState {
  w: Float64Array;
  /** The previous w (momentum). */
  previous: Float64Array;
  /** The smoothed reward h (smoothed). */
  h: Float64Array;
}

export function initialRuleState(w0: ArrayLike<number>): RuleState {
  const w = Float64Array.from(w0);
  return { w, previous: w.slice(), h: new Float64Array(w.length) };
}

export function step(kind: RuleKind, state: RuleState, r: ArrayLike<number>, p: RuleParameters): RuleState {
  const { w } = state;
  const n = w.length;
  const next = new Float64Array(n);
  const h = state.h.slice();
  for (let k = 0; k < n; k++) {
    switch (kind) {
      case "ema":
        next[k] = w[k] + p.alpha * (r[k] - w[k]);
        break;
      case "momentum":
        next[k] = w[k] + p.alpha * (r[k] - w[k]) + p.beta * (w[k] - state.previous[k]);
        break;
      case "smoothed":
        h[k] = p.beta * h[k] + (1 - p.beta) * r[k];
        next[k] = w[k] + p.alpha * (h[k] - w[k]);
        break;
      case "seed-history":
        next[k] = w[k] + p.alpha * r[k] * p.history;
        break;
    }
  }
  return { w: next, previous: w.slice(), h };
}

/**
 * Whether a rule converges to a constant reward from any start, by the linear recurrence's roots:
 * ema: |1 − α| < 1; momentum: w_{t+1} = (1 − α + β)·w_t − β·w_{t−1} + α·r is stable iff 0 < α < 2(1 + β) and
 * 0 ≤ β < 1; smoothed: 0 < α < 2 with 0 ≤ β < 1; seed-history accumulates and has no fixed point unless r = 0.
 */
export function isStable(kind: RuleKind, p: RuleParameters): boolean {
  switch (kind) {
    case "ema":
      return p.alpha > 0 && p.alpha < 2;
    case "momentum":
      return p.alpha > 0 && p.beta >= 0 && p.beta < 1 && p.alpha < 2 * (1 + p.beta);
    case "smoothed":
      return p.alpha > 0 && p.alpha < 2 && p.beta >= 0 && p.beta < 1;
    case "seed-history":
      return false;
  }
}

/**
 * Rounds a rule takes, from rest (w = h = 0), to bring w within 1 − level of a reward that steps to 1 and stays
 * there: its lag after a shift in credit. ema: ⌈log(1 − level) / log(1 − α)⌉; smoothed adds the memory of h,
 * so the lag grows with β; momentum may overshoot and come back. Infinity if it does not settle in `max` rounds.
 */
export function stepResponseTime(kind: RuleKind, p: RuleParameters, level = 0.9, max = 100000): number {
  let state = initialRuleState([0]);
  let settled = -1;
  for (let t = 1; t <= max; t++) {
    state = step(kind, state, [1], p);
    if (Math.abs(state.w[0] - 1) <= 1 - level) {
      if (settled < 0) settled = t;
    } else settled = -1;
    if (settled > 0 && t - settled >= 50) return settled;
  }
  return settled > 0 ? settled : Infinity;
}

import type { BehaviourConfig } from "./config.js";

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Probability that a user looks at the item in slate position `position` (0-based). */
export function examination(position: number, config: BehaviourConfig): number {
  return 1 / Math.pow(position + 1, config.examinationDecay);
}

export function clickProbability(utility: number, config: BehaviourConfig): number {
  return sigmoid(config.a * utility + config.b);
}

/** Expected clicks of a slate given the noise-free utilities of its items, in slate order. */
export function expectedClicks(utilities: ArrayLike<number>, config: BehaviourConfig): number {
  let sum = 0;
  for (let p = 0; p < utilities.length; p++) sum += examination(p, config) * clickProbability(utilities[p], config);
  return sum;
}

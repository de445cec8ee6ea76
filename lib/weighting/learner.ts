import type { Stream } from "../random/stream.js";
import type { SlateFeedback } from "./policy.js";
import type { RuleState } from "./rules/index.js";

/**
 * Blend weights learned from a stream of slates: one per level cell (everyone, one segment, or one user).
 * levels.ts copies a learner to start a new user or segment from the global one.
 */
export interface Learner {
  /** The current π (a point on the simplex). */
  pi(): Float64Array;
  /** Whether a slate is served by one component drawn from π (a bandit arm) rather than by the blend. */
  readonly draws: boolean;
  /** Weights for one slate: π, or for a drawing bandit a vertex of the simplex. */
  serve(stream: Stream): Float64Array;
  /**
   * Learn from slates of one round. `credits[s]` is slate s's credit per component; `propensity[s]` the
   * distribution its served weights were drawn from (equal to the served weights for a blend).
   */
  learn(round: number, feedback: SlateFeedback[], credits: Float64Array[], propensity: Float64Array[]): void;
  /** Slates learned from so far. */
  readonly seen: number;
  /** An update rule's state (raw w, previous w, smoothed reward h), a copy; absent for learners that keep none. */
  state?(): RuleState;
  copy(): Learner;
}

/** A vertex of the simplex drawn from π. */
export function drawVertex(pi: ArrayLike<number>, stream: Stream): Float64Array {
  const out = new Float64Array(pi.length);
  out[stream.categorical(pi)] = 1;
  return out;
}

export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

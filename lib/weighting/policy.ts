/** One served slate as the policy sees it. */
export interface SlateFeedback {
  user: number;
  round: number;
  /** slate length × components normalised scores Ŝ_k(u, i) of the shown items. */
  scores: Float32Array;
  /** Reward of each shown item's outcome, in slate order. */
  rewards: Float64Array;
  clicked: boolean[];
  /** The blend weights the slate was served with. */
  weights: Float64Array;
}

export interface PolicyContext {
  round: number;
  user: number;
}

/** Chooses blend weights π over components and learns them from feedback. */
export interface WeightPolicy {
  readonly kind: string;
  readonly components: string[];
  /** π for a user this round: a point on the simplex. */
  weights(context: PolicyContext): Float64Array;
  /** Learn from all slates of a round. */
  update(round: number, feedback: SlateFeedback[]): void;
  /** The global π (for per-user levels, the mean over users served so far). */
  global(): Float64Array;
  dispose(): void;
}

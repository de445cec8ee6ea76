import { cosineError, interestInEmbeddingSpace, topicCentroids } from "../metrics/tracking.js";
import { PositionBaseline } from "../weighting/credit.js";
import type { ProfileOptions } from "../weighting/config.js";
import type { SlateFeedback } from "../weighting/policy.js";
import { ProfileWeights } from "../weighting/profile.js";
import type { Embeddings } from "./text-model.js";

/** Profile weights of every served user, and each round the mean tracking error of the users served. */
export class ProfileTracker {
  private readonly weights: ProfileWeights;
  private readonly baseline = new PositionBaseline(64);
  private readonly sum: Float64Array;
  private present = 0;

  constructor(
    users: number,
    private readonly embeddings: Embeddings,
    options: ProfileOptions,
  ) {
    this.weights = new ProfileWeights(users, embeddings.dim, options);
    this.sum = new Float64Array(embeddings.dim);
  }

  /** A user's profile weights (the tracker's own array), or null before the user's first slate. */
  profile(user: number): Float64Array | null {
    return this.weights.profile(user);
  }

  /**
   * Updates the profiles of the round's served users and returns their mean tracking error (NaN for none).
   * `slates[s]` are the item ids of feedback[s]; `truth` gives the world's features and a user's true θ.
   */
  observe(
    feedback: SlateFeedback[],
    slates: number[][],
    items: number,
    truth: { features: Float32Array; topics: number; interest(user: number): Float64Array },
  ): number {
    const { dim, vectors } = this.embeddings;
    for (; this.present < items; this.present++) for (let d = 0; d < dim; d++) this.sum[d] += vectors[this.present * dim + d];
    const mean = this.sum.map((v) => v / Math.max(1, this.present));
    if (this.baseline.empty) for (const f of feedback) this.baseline.update(f.rewards);
    const b = this.baseline.values();
    feedback.forEach((f, s) => {
      const target = new Float64Array(dim);
      const slate = slates[s];
      for (let p = 0; p < slate.length; p++) {
        const r = f.rewards[p] - b[Math.min(p, b.length - 1)];
        for (let d = 0; d < dim; d++) target[d] += (r * (vectors[slate[p] * dim + d] - mean[d])) / slate.length;
      }
      this.weights.update(f.user, target);
    });
    for (const f of feedback) this.baseline.update(f.rewards);
    if (feedback.length === 0) return Number.NaN;
    const centroids = topicCentroids(truth.features, truth.topics, vectors, dim, items, mean);
    let error = 0;
    for (const f of feedback) error += cosineError(this.weights.profile(f.user)!, interestInEmbeddingSpace(truth.interest(f.user), centroids, dim));
    return error / feedback.length;
  }
}

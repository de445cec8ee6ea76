import { cosineError, interestInEmbeddingSpace, topicCentroids } from "../metrics/tracking.js";
import type { Embeddings } from "./text-model.js";

/** Where the profiles live: a component that keeps the profile weights (the content component). */
export interface ProfileSource {
  profile(user: number): ArrayLike<number> | null;
}

/**
 * Measures, each round, how well the profile weights that serve the users point at their true interest: the mean
 * tracking error (lib/metrics/tracking.ts) over the round's served users that have a profile, read before the
 * round's evidence moves them (the profiles the slates were made with). NaN when no component keeps profiles.
 */
export class ProfileTracker {
  private readonly sum: Float64Array;
  private present = 0;

  constructor(
    private readonly embeddings: Embeddings,
    private readonly source: ProfileSource | null,
  ) {
    this.sum = new Float64Array(embeddings.dim);
  }

  /** A user's profile weights (the component's own view), or null before any evidence or without a profile component. */
  profile(user: number): ArrayLike<number> | null {
    return this.source?.profile(user) ?? null;
  }

  observe(users: number[], items: number, truth: { features: Float32Array; topics: number; interest(user: number): Float64Array }): number {
    const { dim, vectors } = this.embeddings;
    for (; this.present < items; this.present++) for (let d = 0; d < dim; d++) this.sum[d] += vectors[this.present * dim + d];
    if (!this.source) return Number.NaN;
    const profiles = users.map((u) => [u, this.source!.profile(u)] as const).filter((p): p is readonly [number, ArrayLike<number>] => p[1] !== null);
    if (profiles.length === 0) return Number.NaN;
    const mean = this.sum.map((v) => v / Math.max(1, this.present));
    const centroids = topicCentroids(truth.features, truth.topics, vectors, dim, items, mean);
    let error = 0;
    for (const [u, p] of profiles) error += cosineError(p, interestInEmbeddingSpace(truth.interest(u), centroids, dim));
    return error / profiles.length;
  }
}

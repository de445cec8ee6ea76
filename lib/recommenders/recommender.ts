import type { Stream } from "../random/stream.js";
import type { ProfileOptions } from "../weighting/config.js";

/** What recommenders may see of the catalog: text and arrival times, never the true features. */
export interface Catalog {
  /** Item ids are ordered by arrival; `arrival[i]` is the round item i appeared. */
  arrival: Int32Array;
  title: string[];
  text: string[];
  /** All users the run may ever see (ids are 0 … users − 1). */
  users: number;
}

export interface Impression {
  user: number;
  item: number;
  round: number;
  position: number;
  clicked: boolean;
  purchased: boolean;
  /** The configured reward of the outcome (skip, click or purchase). */
  reward: number;
}

export interface TextEvent {
  user: number;
  round: number;
  kind: "query" | "review";
  text: string;
  item?: number;
}

/** Everything that happened in one round, in the order users were served. */
export interface RoundEvents {
  round: number;
  impressions: Impression[];
  texts: TextEvent[];
}

export interface ScoreRequest {
  round: number;
  users: Int32Array;
  /** Candidate items are ids [0, items): everything that has arrived. */
  items: number;
}

/**
 * A component recommender: learns online from events and scores every available item for a batch of users.
 * Scores are raw (any scale, higher is better); the loop normalises them per user before blending.
 */
export interface Recommender {
  readonly name: string;
  /** users.length × items, row-major. */
  score(request: ScoreRequest): Float32Array;
  observe(events: RoundEvents): void;
  dispose(): void;
  /** Scores are the same for every user (e.g. popularity): normalisation can be done once per round. */
  readonly userIndependent?: boolean;
  /**
   * Most of each row is exact zeros (e.g. item-cf, user-cf: only items near the user's history score): cheap to
   * rank-normalise. The loop scores such components after the dense ones.
   */
  readonly sparse?: boolean;
  /**
   * A component that keeps a user profile in item-embedding space (the profile weights of `policy.profile`)
   * shows it here, a user's vector or null before any evidence, so that the loop can measure how well it tracks
   * the user's true interest.
   */
  profile?(user: number): ArrayLike<number> | null;
  /** Optional training diagnostics (e.g. the latest loss), logged by the runner. */
  diagnostics?(): Record<string, number>;
}

export interface RecommenderContext {
  catalog: Catalog;
  /** A stream forked for this component only. */
  stream: Stream;
  /** Component options from the scenario (`recommender.options.<name>`). */
  options: Record<string, unknown>;
  /** The world's truth; only the oracle may use it. */
  truth?: { utilities(users: Int32Array, items: number): Float32Array };
  /** Item embeddings for content-based components and diversity, one row per item. */
  embeddings?: { dim: number; vectors: Float32Array };
  /** Encodes texts (e.g. queries) into the space of `embeddings`: texts.length × dim, rows L2-normalised. */
  encodeText?: (texts: string[]) => Float32Array;
  /** The profile weights' rule, rate and β (`policy.profile`) for components that keep a user profile. */
  profile?: ProfileOptions;
  /** Reads review texts: the probability that each is positive (the encoder side's classifier, never the world's truth). */
  sentiment?: (texts: string[]) => Float32Array;
}

import type { SectionField } from "../config/fields.js";
import type { LlmPolicyView } from "../llm/call.js";
import type { LlmEnvironment } from "../llm/environment.js";
import type { Stream } from "../random/stream.js";
import type { RoundEvents } from "../recommenders/recommender.js";
import type { PolicyConfig } from "./config.js";
import type { RuleState } from "./rules/index.js";

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

/**
 * The truth hook of `oracle-weights`, and of no other policy: the expected clicks (noise-free utilities,
 * the world's examination curve) of the slate each candidate π would serve to each of this round's active
 * users, `users.length × candidates.length` row-major.
 */
export interface OracleWeightsHook {
  evaluate(candidates: Float64Array[]): { users: Int32Array; values: Float64Array };
}

/** What a policy gets besides its config: the run's size, its own stream, and (oracle-weights only) the truth. */
export interface PolicyEnvironment {
  /** All users the run may ever see (ids 0 … users − 1). */
  users: number;
  /** A stream forked for this policy only (`policy/<kind>`). */
  stream: Stream;
  oracle?: OracleWeightsHook;
  /** The language-model client and what its prompt reads (llm only). */
  llm?: LlmEnvironment;
}

/** Chooses blend weights π over components and learns them from feedback. */
export interface WeightPolicy {
  readonly kind: string;
  readonly components: string[];
  /** π for a user this round: a point on the simplex. A bandit may serve a vertex drawn from its π. */
  weights(context: PolicyContext): Float64Array;
  /**
   * The π `weights` would serve this user now (for a bandit that draws, the π it draws from), changing nothing:
   * no draw, no per-user state. For observers (pages, notebooks), never for serving.
   */
  peek(context: PolicyContext): Float64Array;
  /**
   * Learn from all slates of a round. Returns the credit per component the policy learned from, one row per
   * slate in feedback order (for the trace); policies that learn no credit return the centred credit for show.
   */
  update(round: number, feedback: SlateFeedback[]): Float64Array[];
  /** The global π (for per-user levels, the mean over the users served so far). */
  global(): Float64Array;
  /**
   * An update-rule policy at the global level: its rule's state now (raw w, previous w, smoothed reward h), a copy,
   * so that an observer can show the arithmetic of a round's update. Absent for every other policy and level.
   */
  ruleState?(): RuleState;
  /** Called when a round begins, before its weights are read (llm applies an answer received since). */
  begin?(round: number): void;
  /** The round's events (queries, reviews, impressions), before `update` of the same round (llm reads them). */
  observe?(events: RoundEvents): void;
  /** A call still in flight after `update` (llm through a live backend): await it before the next round. */
  settle?(): Promise<void> | undefined;
  /** The llm policy's calls and costs. */
  readonly llm?: LlmPolicyView;
  dispose(): void;
}

/** What a policy kind declares about itself; the registry (registry.ts) lists them. */
export interface PolicySpec {
  create(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy;
  /** Its options, `policy.options.<kind>` (an empty section: none). */
  options: SectionField;
  /** The levels (`policy.level`) it supports. */
  levels: readonly PolicyConfig["level"][];
  /** Sees the world's truth: the simulation passes it `env.oracle` (and passes it to no other policy). */
  truth?: boolean;
  /** Built on TensorFlow.js: needs a backend set at the entry point. */
  tensor?: boolean;
  /** Asks a model outside the lab (llm): runs only with a backend or a transcript. */
  model?: boolean;
  /** Its own checks across fields, beyond what its options' schema checks field by field. */
  check?(config: PolicyConfig): void;
  /** What it does, in a sentence or two, for pages and help (a reader who knows the update rules). */
  doc(config: PolicyConfig): string;
  /** Which of policy.alpha, beta and history a configuration of it reads (none when absent). */
  reads?(config: PolicyConfig): readonly RuleParameterName[];
}

export type RuleParameterName = "alpha" | "beta" | "history";

import { ConfigError } from "../config/error.js";
import { choice, defaults, integer, number, section, withDefaults, type ValueOf } from "../config/fields.js";
import { resolve } from "../config/resolve.js";
import { NORMALISATIONS } from "../recommenders/normalise.js";
import { SCENARIO_SCHEMA } from "../scenario/config.js";
import type { PolicyConfig } from "../weighting/config.js";
import type { ReplayPolicySpec } from "./replay-policies.js";

/**
 * The replay's settings (`drift-lab replay`'s flags, the real-data page): the same policy and component option
 * sections as a scenario, with the replay's own defaults where a replay round is not a simulated round.
 * α = 0.03 and τ = 0.02 were chosen on the first 20,000 ratings of ml-latest-small (validation; grid α ∈ {0.01,
 * 0.03, 0.1} × τ ∈ {0.01, 0.02, 0.05} × 1 or 4 negatives): the lab's defaults (α = 0.1, τ = 0.05) assume rounds
 * of many slates, while a replay batch holds about one rating. Credit is `raw`: positions carry no information
 * here (replay.ts).
 */
export const REPLAY_SCHEMA = section({
  k: integer(10, [1, 1000], "Recommendation list length (hit@k, NDCG@k)."),
  positive: number(4, [0, 10], "A rating at or above this is a positive event: it is scored, and components see it as a click."),
  purchase: number(5, [0, 10], "A rating at or above this is also a purchase (the stronger reward)."),
  windowEvents: integer(1000, [1, 1e9], "Positive events per reporting window."),
  batchSize: integer(1, [1, 1e9], "Least number of ratings per batch (round); ratings sharing a timestamp always share a batch."),
  negatives: integer(4, [0, 1000], "Items drawn at random from the user's unrated items as the negatives of each positive (policy feedback)."),
  limit: integer(Infinity, [1, Infinity], "Replay only the first `limit` ratings in time order (Infinity: all)."),
  seed: integer(1, [0, 2 ** 31], "Master seed: every random stream of the replay is forked from it."),
  normalisation: choice(NORMALISATIONS, "rank", "Per-user score normalisation before blending."),
  policy: withDefaults(SCENARIO_SCHEMA.fields.policy, { credit: "raw", alpha: 0.03, simplex: { temperature: 0.02 } }),
  componentOptions: SCENARIO_SCHEMA.fields.recommender.fields.options,
  embeddingDim: integer(64, [2, 4096], "Dimension of the hashing embeddings of item text given to components."),
  textAxes: integer(32, [0, 4096], "Principal axes of the encoder's item vectors that content scores in (0: all of them); fewer axes, fewer multiply-adds per event."),
});

export interface ReplayOptions extends ValueOf<typeof REPLAY_SCHEMA> {
  components: string[];
  policies: ReplayPolicySpec[];
}

export const DEFAULT_REPLAY_OPTIONS: ReplayOptions = { components: [], policies: [], ...defaults(REPLAY_SCHEMA) };

/** Options checked against the schema, over the defaults (a fresh object). */
export function resolveReplayOptions(options: Partial<ReplayOptions>): ReplayOptions {
  const { components = [], policies = [], ...settings } = options;
  if (components.length === 0) throw new ConfigError("replay: needs at least one component");
  if (policies.length === 0) throw new ConfigError("replay: needs at least one policy");
  return { components, policies, ...resolve(REPLAY_SCHEMA, settings, "") };
}

/**
 * Options for the replay where the simulation's defaults assume its rounds. A replay round is one batch of about
 * one rating (~85,000 rounds for ml-latest-small, against a few hundred simulated rounds), so per-round decays and
 * windows are stretched to span a comparable share of the history, and the TensorFlow.js components train less per
 * round (MF one epoch, the GRU one Adam step on 32 examples): training sized for a simulated round, repeated over
 * ~85,000 batches, would take hours. Applied only to components and policy kinds that take part; user options
 * override them.
 */
export const REPLAY_COMPONENT_OPTIONS: Record<string, Record<string, number | string>> = {
  popularity: { decay: 0.9995 },
  "item-cf": { window: 1e9, decay: 0.9995 },
  "user-cf": { window: 1e9, decay: 0.9995 },
  mf: { solver: "isgd", dim: 32, lr: 0.6, l2: 0.01, randomNegatives: 32 },
  sequence: { steps: 1, batchSize: 32 },
};

/**
 * Chosen on the first 20,000 ratings of ml-latest-small (validation): Thompson sampling blends by P(best) rather
 * than serving one drawn component (0.133 against 0.103 hit@10 there), and forgets 0.5 % of its evidence per batch.
 */
export const REPLAY_POLICY_OPTIONS: Record<string, Record<string, number | string>> = {
  thompson: { forget: 0.005, serve: "blend" },
  exp3: { forget: 0.001 },
  logistic: { engine: "js" },
};

/**
 * Registered components the replay leaves out by default: oracle and random need a simulated truth or are no
 * recommender, and sequence (the GRU) is left out for its cost and its accuracy on MovieLens (README, "Real data").
 * `--components` still takes any of them.
 */
export const REPLAY_EXCLUDED = ["oracle", "random", "sequence"];

/** The components a replay blends by default: every registered one but REPLAY_EXCLUDED. */
export function replayComponents(registered: string[]): string[] {
  return registered.filter((c) => !REPLAY_EXCLUDED.includes(c));
}

/** Defaults for the given components, overlaid by the user's options (both by component, then key). */
export function mergeOptions(
  base: Record<string, Record<string, number | string>>,
  names: string[],
  given: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of names) if (base[name] || given[name]) out[name] = { ...base[name], ...given[name] };
  return out;
}

/**
 * The replay's component options and base policy config: the defaults above for the components and policy kinds
 * that take part, overlaid by `given` (by component or kind, then key).
 */
export function replaySettings(
  components: string[],
  kinds: string[],
  policy: PolicyConfig,
  given: Record<string, Record<string, unknown>> = {},
): { componentOptions: Record<string, Record<string, unknown>>; policy: PolicyConfig } {
  return {
    componentOptions: mergeOptions(REPLAY_COMPONENT_OPTIONS, components, given),
    policy: { ...policy, options: mergeOptions(REPLAY_POLICY_OPTIONS, [...new Set(kinds)], given) },
  };
}

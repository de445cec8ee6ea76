import type { PolicyConfig } from "../weighting/config.js";

/**
 * Options for the replay where the simulation's defaults assume its rounds. A replay round is one batch of about
 * one rating (~85,000 rounds for ml-latest-small, against a few hundred simulated rounds), so per-round decays and
 * windows are stretched to span a comparable share of the history, and the TensorFlow.js components train less per
 * round (MF one epoch, the GRU one Adam step on 32 examples): training sized for a simulated round, repeated over
 * ~85,000 batches, would take hours. Applied only to components and policy kinds that take part; user options
 * override them.
 */
export const REPLAY_COMPONENT_OPTIONS: Record<string, Record<string, number>> = {
  popularity: { decay: 0.9995 },
  "item-cf": { window: 1e9, decay: 0.9995 },
  "user-cf": { window: 1e9, decay: 0.9995 },
  mf: { epochs: 1 },
  sequence: { steps: 1, batchSize: 32 },
};

/**
 * Chosen on the first 20,000 ratings of ml-latest-small (validation): Thompson sampling blends by P(best) rather
 * than serving one drawn component (0.133 against 0.103 hit@10 there), and forgets 0.5 % of its evidence per batch.
 */
export const REPLAY_POLICY_OPTIONS: Record<string, Record<string, number | string>> = {
  thompson: { forget: 0.005, serve: "blend" },
  exp3: { forget: 0.001 },
};

/** The components a replay blends by default: every registered one except those that need a simulated truth. */
export function replayComponents(registered: string[]): string[] {
  return registered.filter((c) => c !== "oracle" && c !== "random");
}

/** Defaults for the given components, overlaid by the user's options (both by component, then key). */
export function mergeOptions(
  defaults: Record<string, Record<string, number | string>>,
  names: string[],
  given: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of names) if (defaults[name] || given[name]) out[name] = { ...defaults[name], ...given[name] };
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

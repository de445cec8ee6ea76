import { ConfigError } from "../config/error.js";
import type { PolicyConfig } from "../weighting/config.js";

/** The weight policies the replay compares besides each single component (DESIGN §7, issue 7). */
export const REPLAY_POLICY_KINDS = ["static", "ema", "smoothed", "thompson", "logistic"];

/** One compared policy: a registry kind, with fixed one-hot weights for a single component. */
export interface ReplayPolicySpec {
  name: string;
  kind: string;
  weights: Record<string, number>;
  /** Settings of this policy that differ from the replay's base policy config (e.g. a tuning grid). */
  overrides?: Partial<PolicyConfig>;
}

/**
 * The policies to compare. By default every component alone, then the uniform static blend and the adaptive
 * kinds of REPLAY_POLICY_KINDS that the registry has (`missing` lists the others). A requested name is a
 * component (alone) or a policy kind.
 */
export function replayPolicySpecs(requested: string[] | null, components: string[], kinds: string[]): { specs: ReplayPolicySpec[]; missing: string[] } {
  const single = (c: string): ReplayPolicySpec => ({ name: c, kind: "static", weights: { [c]: 1 } });
  const blend = (k: string): ReplayPolicySpec => ({ name: k, kind: k, weights: {} });
  if (requested === null) {
    return {
      specs: [...components.map(single), ...REPLAY_POLICY_KINDS.filter((k) => kinds.includes(k)).map(blend)],
      missing: REPLAY_POLICY_KINDS.filter((k) => !kinds.includes(k)),
    };
  }
  const specs = requested.map((name) => {
    if (components.includes(name)) return single(name);
    if (kinds.includes(name)) return blend(name);
    throw new ConfigError(`--policies: unknown policy '${name}' (allowed: a component of this replay (${components.join(", ")}) or a policy kind (${kinds.join(", ")}))`);
  });
  if (new Set(requested).size !== requested.length) throw new ConfigError("--policies: a policy is listed twice");
  return { specs, missing: [] };
}

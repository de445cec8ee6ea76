import { choice, defaults, integer, keyed, map, number, section, text, type ValueOf } from "../config/fields.js";
import { REWARDS_SCHEMA } from "./reward.js";
import { RULES } from "./rules/index.js";
import { SIMPLEX_SCHEMA } from "./simplex.js";

/**
 * How the `segment` level groups users. The recommender never sees the world's segments, so groups come from
 * what it observes:
 * `credit`: the component whose credit on the user's own slates is highest so far (a running mean), once the
 *   user has `minSlates` slates: users who click what popularity ranks high form one group, users who click
 *   what another component ranks high another; one segment per component;
 * `activity`: quantile bins (`count` of them) of the user's observed activity rate (slates per round since
 *   first seen);
 * `hash`: a hash of the user id into `count` buckets (a control: segments that mean nothing).
 */
export const SEGMENT_OPTIONS_SCHEMA = section({
  by: choice(["credit", "activity", "hash"], "credit", "What groups users at the segment level: their best-credited component, their activity, or a hash (a control)."),
  count: integer(2, [1, 1000], "Segments of `activity` and `hash` (`credit` has one per component)."),
  shrinkage: number(20, [0, 1e9], "κ of the shrinkage toward global: π_u = λ·π_seg + (1 − λ)·π_global, λ = n / (n + κ), n = slates the segment learned from."),
  minSlates: integer(3, [0, 1e6], "Slates before `credit` assigns a user a segment (until then the user is served the global π)."),
});

/** Profile weights: each user's interest vector in embedding space, p ← rule(p, target), see profile.ts. */
export const PROFILE_SCHEMA = section({
  rule: choice(RULES, "ema", "The update rule of profile weights."),
  alpha: number(0.1, [0, 4], "Rate α of the profile update."),
  beta: number(0.5, [0, 0.999999], "History factor β of the profile update (momentum, smoothed)."),
});

/**
 * The weight policy (`policy.*`). `kind` takes its allowed values, and `options` its sections, from the policy
 * registry (registry.ts), which this file cannot import.
 */
export const POLICY_SCHEMA = section({
  kind: text("ema", "The weight policy: static, an update rule (ema, momentum, smoothed, seed-history) or a learner (registry.ts)."),
  alpha: number(0.1, [0, 4], "Learning rate α of the update rule."),
  beta: number(0.5, [0, 0.999999], "History factor β of momentum (inertia) and smoothed (memory)."),
  history: number(1, [0, Infinity], "History coefficient H of seed-history (its formula: weighting/rules/seed-history.ts); a constant H only rescales α."),
  level: choice(["global", "user", "segment"], "global", "Where weights are learned: one π for everyone, one per user, or one per segment shrunk toward global (levels.ts; each policy says which it supports)."),
  weights: map(number(0, [0, Infinity], "A starting weight."), "Initial (and for `static`, fixed) weights by component; uniform when empty."),
  simplex: SIMPLEX_SCHEMA,
  credit: choice(["proposal", "centred", "raw"], "centred", "How a component's credit for a slate is computed (credit.ts)."),
  rewards: REWARDS_SCHEMA,
  segments: SEGMENT_OPTIONS_SCHEMA,
  profile: PROFILE_SCHEMA,
  options: keyed("policy kind", "Options of a policy kind (e.g. exp3's γ), by kind."),
});

export type SegmentOptions = ValueOf<typeof SEGMENT_OPTIONS_SCHEMA>;
export type ProfileOptions = ValueOf<typeof PROFILE_SCHEMA>;
export type PolicyConfig = ValueOf<typeof POLICY_SCHEMA>;

export const DEFAULT_POLICY_CONFIG: PolicyConfig = defaults(POLICY_SCHEMA);

/** The configured starting weights as a point on the simplex, in component order (checked by checkPolicy, registry.ts). */
export function initialWeights(components: string[], weights: Record<string, number>): Float64Array {
  if (Object.keys(weights).length === 0) return new Float64Array(components.length).fill(1 / components.length);
  const w = Float64Array.from(components, (c) => weights[c] ?? 0);
  const sum = w.reduce((s, v) => s + v, 0);
  return w.map((v) => v / sum);
}

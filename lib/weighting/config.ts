import type { CreditKind } from "./credit.js";
import type { RewardConfig } from "./reward.js";
import type { RuleKind } from "./rules/index.js";
import type { SimplexOptions } from "./simplex.js";
import { DEFAULT_SIMPLEX } from "./simplex.js";

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
export interface SegmentOptions {
  by: "credit" | "activity" | "hash";
  count: number;
  /** κ of the shrinkage toward global: π_u = λ·π_seg + (1 − λ)·π_global, λ = n / (n + κ), n = slates the segment learned from. */
  shrinkage: number;
  /** Slates before `credit` assigns a user a segment (until then the user is served the global π). */
  minSlates: number;
}

/** Profile weights: each user's interest vector in embedding space, p ← rule(p, target), see profile.ts. */
export interface ProfileOptions {
  rule: RuleKind;
  alpha: number;
  beta: number;
}

export interface PolicyConfig {
  /** static | ema | momentum | smoothed | seed-history | exp3 | thompson | logistic | neural | oracle-weights (registry.ts). */
  kind: string;
  alpha: number;
  beta: number;
  /** History coefficient H of seed-history. */
  history: number;
  /** global | user | segment (levels.ts; logistic: global only; neural and oracle-weights: global or user). */
  level: string;
  /** Initial (and for `static`, fixed) weights by component; uniform when empty. */
  weights: Record<string, number>;
  simplex: SimplexOptions;
  credit: CreditKind;
  rewards: RewardConfig;
  segments: SegmentOptions;
  profile: ProfileOptions;
  /** Extra options of a policy kind (e.g. exp3's γ), by kind. */
  options: Record<string, Record<string, unknown>>;
}

export const DEFAULT_POLICY_CONFIG: PolicyConfig = {
  kind: "ema",
  alpha: 0.1,
  beta: 0.5,
  history: 1,
  level: "global",
  weights: {},
  simplex: DEFAULT_SIMPLEX,
  credit: "centred",
  rewards: { skip: -1, click: 1, purchase: 2 },
  segments: { by: "credit", count: 2, shrinkage: 20, minSlates: 3 },
  profile: { rule: "ema", alpha: 0.1, beta: 0.5 },
  options: {},
};

/** The configured starting weights as a point on the simplex, in component order. */
export function initialWeights(components: string[], weights: Record<string, number>): Float64Array {
  if (Object.keys(weights).length === 0) return new Float64Array(components.length).fill(1 / components.length);
  for (const name of Object.keys(weights)) {
    if (!components.includes(name)) throw new Error(`policy.weights.${name}: not a component of this run (components: ${components.join(", ")})`);
  }
  const w = Float64Array.from(components, (c) => weights[c] ?? 0);
  const sum = w.reduce((s, v) => s + v, 0);
  if (!(sum > 0)) throw new Error("policy.weights: must have a positive sum");
  return w.map((v) => v / sum);
}

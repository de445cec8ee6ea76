import type { ProfileOptions } from "./config.js";
import type { RuleKind, RuleState } from "./rules/index.js";
import { initialRuleState, step } from "./rules/index.js";

/**
 * Profile weights: each user's estimated interest vector p_u in item-embedding space, moved by the same rule
 * module as the blend weights toward a target made of the items the user was shown:
 *   p ← rule(p, x),  x = mean over the slate of (r_i − b_{p_i})·(e_i − ē)
 * (for `ema`: p ← p + α·(x − p), the per-slate form of p ← p + α·(r·e_i − p)). r_i is the item's reward
 * (click, purchase, skip), b_p the running mean reward at the item's slate position (as in credit.ts: a skip
 * low in the slate, which the user probably never examined, counts for little; a click counts for much), and ē
 * the mean embedding of the items present, so that p points at what distinguishes the user's items.
 * One slate, one step: per-item steps would let the last positions of a slate count most.
 * A user's profile is zero until the first slate.
 */
export class ProfileWeights {
  private readonly states: (RuleState | undefined)[];
  private readonly params: { alpha: number; beta: number; history: number };

  constructor(
    users: number,
    readonly dim: number,
    private readonly options: ProfileOptions,
  ) {
    this.states = new Array(users);
    this.params = { alpha: options.alpha, beta: options.beta, history: 1 };
  }

  update(user: number, target: ArrayLike<number>): void {
    const state = this.states[user] ?? initialRuleState(new Float64Array(this.dim));
    this.states[user] = step(this.options.rule as RuleKind, state, target, this.params);
  }

  /** The user's profile, or null before the first update. */
  profile(user: number): Float64Array | null {
    return this.states[user]?.w ?? null;
  }
}

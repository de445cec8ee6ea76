import type { ProfileOptions } from "./config.js";
import type { RuleKind } from "./rules/index.js";
import { step } from "./rules/index.js";

/**
 * Profile weights: each user's estimated interest vector p_u in item-embedding space, moved by the same rule
 * module as the blend weights (`policy.profile`: rule, α, β) toward a target, one update per piece of evidence:
 *   ema: p ← p + α·(x − p),  x = r·e_i for an item with reward r (DESIGN §4: p ← p + α·(r·e_i − p));
 *   momentum, smoothed, seed-history: as in rules.ts, with the profile's β (H = 1).
 * A caller may give an update its own rate (the content component moves more slowly on skips than on clicks);
 * the rule and β are the profile's. The content component scores with these profiles, so the rule chosen here
 * changes the slates. A user's profile is zero, and `profile()` null, until the first update.
 * Stored in float32 (users × dim), the precision the component scores in.
 */
export class ProfileWeights {
  /** w of every user, row-major users × dim (the profiles themselves). */
  readonly vectors: Float32Array;
  private readonly previous: Float32Array;
  private readonly h: Float32Array;
  private readonly updated: Uint8Array;

  constructor(
    readonly users: number,
    readonly dim: number,
    readonly options: ProfileOptions,
  ) {
    this.vectors = new Float32Array(users * dim);
    this.previous = new Float32Array(users * dim);
    this.h = new Float32Array(users * dim);
    this.updated = new Uint8Array(users);
  }

  /** One step of the profile's rule toward `target` (dim values), at rate `alpha` (default: the profile's α). */
  update(user: number, target: ArrayLike<number>, alpha = this.options.alpha): void {
    const from = user * this.dim;
    const to = from + this.dim;
    const state = { w: Float64Array.from(this.vectors.subarray(from, to)), previous: Float64Array.from(this.previous.subarray(from, to)), h: Float64Array.from(this.h.subarray(from, to)) };
    const next = step(this.options.rule as RuleKind, state, target, { alpha, beta: this.options.beta, history: 1 });
    this.vectors.set(next.w, from);
    this.previous.set(next.previous, from);
    this.h.set(next.h, from);
    this.updated[user] = 1;
  }

  /** The user's profile (a view, dim values), or null before the first update. */
  profile(user: number): Float32Array | null {
    return this.updated[user] ? this.vectors.subarray(user * this.dim, (user + 1) * this.dim) : null;
  }
}

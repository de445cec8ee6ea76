import type { Normalisation } from "../recommenders/normalise.js";
import type { Recommender, ScoreRequest } from "../recommenders/recommender.js";
import type { PendingRows, RowNormaliser } from "../recommenders/row-normaliser.js";

/**
 * One round's normalised scores Ŝ_k(u, i) of every component for the active users. A user-independent
 * component has one row, shared by every user; the others one row per active user (in `users` order).
 */
export class RoundScores {
  constructor(
    readonly items: number,
    /** Per component: active × items normalised scores, or one shared row of items. */
    readonly rows: Float32Array[],
    readonly shared: boolean[],
  ) {}

  /** Where active user a's row of component k starts in rows[k]. */
  offset(k: number, a: number): number {
    return this.shared[k] ? 0 : a * this.items;
  }

  /** Active user a's normalised scores of component k, one per item. */
  row(k: number, a: number): Float32Array {
    const from = this.offset(k, a);
    return this.rows[k].subarray(from, from + this.items);
  }

  score(k: number, a: number, item: number): number {
    return this.rows[k][this.offset(k, a) + item];
  }

  /** items.length × components scores of the given items for active user a: what a policy learns a slate from. */
  slateScores(a: number, items: ArrayLike<number>): Float32Array {
    const K = this.rows.length;
    const out = new Float32Array(items.length * K);
    for (let p = 0; p < items.length; p++) for (let k = 0; k < K; k++) out[p * K + k] = this.score(k, a, items[p]);
    return out;
  }
}

export interface ScoreSettings {
  normalisation: Normalisation;
  rankConstant: number;
}

/**
 * Phase 2, score: each component scores every present item for the active users, in `order`, and each row is
 * submitted for normalising to [0, 1] (`normaliser`, possibly on other threads while the next component scores);
 * a user-independent component's first row is normalised once. `result()` waits for the rows (the caller may do
 * other work first), which stay valid until the next round is scored. `seconds[k]`, when given, adds component
 * k's scoring and submitting time (all of its normalising, with a normaliser that works at submit).
 */
export function scoreRound(
  components: Recommender[],
  order: number[],
  request: ScoreRequest,
  normaliser: RowNormaliser,
  settings: ScoreSettings,
  seconds?: Float64Array,
): { result(): RoundScores } {
  const n = request.users.length;
  const pending: PendingRows[] = [];
  const shared: boolean[] = [];
  for (const k of order) {
    const t0 = seconds ? performance.now() : 0;
    const raw = components[k].score(request);
    shared[k] = components[k].userIndependent === true && n > 0;
    pending[k] = normaliser.submit(raw, shared[k] ? 1 : n, request.items, settings.normalisation, settings.rankConstant, k);
    if (seconds) seconds[k] += (performance.now() - t0) / 1000;
  }
  return { result: () => new RoundScores(request.items, pending.map((p) => p.result()), shared) };
}

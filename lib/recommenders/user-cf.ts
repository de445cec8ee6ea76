import { defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import { BestList } from "./best-list.js";
import { positiveStrength, RecentPositives, type Positive } from "./recent-positives.js";
import type { Recommender, RecommenderContext, RoundEvents, ScoreRequest } from "./recommender.js";

export const USER_CF_OPTIONS = section({
  neighbours: integer(30, [1, 1e6], "N: neighbours a user's scores come from."),
  history: integer(50, [1, 10_000], "Most recent positives kept per user."),
  window: integer(100, [1, 1e9], "Rounds a positive stays in the user's recent history."),
  decay: number(0.98, [0, 1], "Per-round factor on a positive's weight, in similarities and in neighbours' scores."),
  shrinkage: number(0.5, [0, 1e6], "Added to the cosine's denominator: damps neighbours that share only one or two items."),
  clickWeight: number(1, [0, 1e6], "Strength of a click."),
  purchaseWeight: number(1, [0, 1e6], "What a purchase adds to the strength of its click."),
});

export type UserCfOptions = ValueOf<typeof USER_CF_OPTIONS>;

export const DEFAULT_USER_CF_OPTIONS: UserCfOptions = defaults(USER_CF_OPTIONS);

/**
 * User-based collaborative filtering. Each user is a sparse vector over items of recent positives, weighted
 * strength · decay^age; an inverted index item → users finds everyone sharing an item. Neighbours are the N
 * users with the highest cosine (dot / (|u|·|v| + shrinkage)). Raw score of item i for u: Σ over neighbours v
 * of cos(u, v) · v's weight on i; ≥ 0, and 0 (a tie) when no neighbour had i or u has no history.
 * The loop rank-normalises each user's row.
 */
export function createUserCf(context: RecommenderContext): Recommender {
  const o = resolveOptions(USER_CF_OPTIONS, context.options, "recommender.options.user-cf");
  const recent = new RecentPositives(o.history, o.window, o.decay);
  const index: (ItemUsers | undefined)[] = new Array(context.catalog.arrival.length);
  const userCount = context.catalog.users;
  const dot = new Float64Array(userCount);
  const norm = new Float64Array(userCount);
  const normRound = new Int32Array(userCount).fill(-1);
  // |v| at the round of v's latest positive, and that round (-1: to be summed again, v's positives changed)
  const baseNorm = new Float64Array(userCount);
  const baseRound = new Int32Array(userCount).fill(-1);
  const seen = new Uint8Array(userCount);
  const touched: number[] = [];

  const unindex = (user: number, dropped: Positive[]) => {
    for (const p of dropped) {
      const entry = index[p.item];
      const k = entry?.users.indexOf(user) ?? -1;
      if (k < 0) continue;
      const { users, rounds, strengths } = entry!;
      users[k] = users[users.length - 1];
      rounds[k] = rounds[rounds.length - 1];
      strengths[k] = strengths[strengths.length - 1];
      users.pop();
      rounds.pop();
      strengths.pop();
    }
  };
  /** |v| at `round`, summed over v's positives (once per round). */
  const normOf = (v: number, round: number) => {
    if (normRound[v] !== round) {
      let s = 0;
      for (const p of recent.of(v)) s += recent.weight(p, round) ** 2;
      norm[v] = Math.sqrt(s);
      normRound[v] = round;
    }
    return norm[v];
  };
  /**
   * |v| at `round` up to rounding (~1e-15 relative): every weight of v decays by the same factor from round to
   * round, so |v| is summed once, at the round of v's latest positive, and decayed from there as a whole until v's
   * positives change. It picks the candidate neighbours; only they get the exact norm (see score).
   */
  const decayedNorm = (v: number, round: number) => {
    if (baseRound[v] < 0) {
      const mine = recent.of(v);
      const latest = mine.length > 0 ? mine[mine.length - 1].round : round;
      let s = 0;
      for (const p of mine) s += recent.weight(p, latest) ** 2;
      baseNorm[v] = Math.sqrt(s);
      baseRound[v] = latest;
    }
    return baseNorm[v] * recent.weightAt(1, baseRound[v], round);
  };
  const best = new BestList(o.neighbours);
  const roughBest = new BestList(o.neighbours);

  return {
    name: "user-cf",
    sparse: true,
    score({ round, users, items }: ScoreRequest) {
      const out = new Float32Array(users.length * items);
      for (let a = 0; a < users.length; a++) {
        const u = users[a];
        const mine = recent.of(u);
        if (mine.length === 0) continue;
        for (const p of mine) {
          const w = recent.weight(p, round);
          const { users: sharing, rounds, strengths } = index[p.item]!;
          for (let k = 0; k < sharing.length; k++) {
            const v = sharing[k];
            if (v === u) continue;
            if (!seen[v]) {
              seen[v] = 1;
              touched.push(v);
            }
            dot[v] += w * recent.weightAt(strengths[k], rounds[k], round);
          }
        }
        // Summing |v| for every user sharing an item, every round, was twelve times the work of the dot products.
        // Cosines with the decayed norms pick the candidates: every user within 1e-9 (relative) of the N-th best,
        // a superset of the exact N best; those are ranked with exact norms, so the neighbours are exactly those
        // of exact cosines throughout. Norms small enough for their squares to underflow are always candidates.
        const nu = normOf(u, round);
        roughBest.length = 0;
        for (const v of touched) roughBest.keep(v, dot[v] / (nu * decayedNorm(v, round) + o.shrinkage));
        const floor = roughBest.length === roughBest.ids.length ? roughBest.sims[roughBest.length - 1] * (1 - 1e-9) : -Infinity;
        best.length = 0;
        for (const v of touched) {
          const rough = decayedNorm(v, round);
          if (rough < 1e-150 || !(dot[v] / (nu * rough + o.shrinkage) < floor)) best.keep(v, dot[v] / (nu * normOf(v, round) + o.shrinkage));
          dot[v] = seen[v] = 0;
        }
        touched.length = 0;
        const row = a * items;
        for (let k = 0; k < best.length; k++) {
          const sim = best.sims[k];
          for (const q of recent.of(best.ids[k])) if (q.item < items) out[row + q.item] += sim * recent.weight(q, round);
        }
      }
      return out;
    },
    observe({ round, impressions }: RoundEvents) {
      recent.expireAll(round, (u, dropped) => {
        unindex(u, dropped);
        baseRound[u] = normRound[u] = -1;
      });
      for (const e of impressions) {
        const w = positiveStrength(e, o.clickWeight, o.purchaseWeight);
        if (w <= 0) continue;
        unindex(e.user, recent.add(e.user, { item: e.item, round, strength: w }));
        baseRound[e.user] = normRound[e.user] = -1;
        let entry = index[e.item];
        if (!entry) index[e.item] = entry = { users: [], rounds: [], strengths: [] };
        entry.users.push(e.user);
        entry.rounds.push(round);
        entry.strengths.push(w);
      }
    },
    dispose() {
      index.length = 0;
    },
  };
}

/**
 * The users who have an item among their recent positives, with the round and strength of that positive, in no
 * particular order (a removal moves the last entry into the gap): a user's dot products sum over the user's own
 * positives in order, and the neighbours kept are the best by (similarity, id), so the order is never seen.
 */
interface ItemUsers {
  users: number[];
  rounds: number[];
  strengths: number[];
}

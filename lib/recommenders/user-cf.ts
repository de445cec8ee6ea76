import { defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
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
  const normOf = (v: number, round: number) => {
    if (normRound[v] !== round) {
      let s = 0;
      for (const p of recent.of(v)) s += recent.weight(p, round) ** 2;
      norm[v] = Math.sqrt(s);
      normRound[v] = round;
    }
    return norm[v];
  };
  const best = { ids: new Int32Array(o.neighbours), sims: new Float64Array(o.neighbours), length: 0 };

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
        const nu = normOf(u, round);
        best.length = 0;
        for (const v of touched) {
          keepBest(best, v, dot[v] / (nu * normOf(v, round) + o.shrinkage));
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
      for (const u of recent.users()) unindex(u, recent.expire(u, round));
      for (const e of impressions) {
        const w = positiveStrength(e, o.clickWeight, o.purchaseWeight);
        if (w <= 0) continue;
        unindex(e.user, recent.add(e.user, { item: e.item, round, strength: w }));
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

/** Inserts (id, sim) into a list kept sorted by sim descending, then id ascending, of at most ids.length entries. */
function keepBest(best: { ids: Int32Array; sims: Float64Array; length: number }, id: number, sim: number): void {
  const { ids, sims } = best;
  const n = ids.length;
  if (best.length === n && (sims[n - 1] > sim || (sims[n - 1] === sim && ids[n - 1] < id))) return;
  let p = best.length < n ? best.length++ : n - 1;
  while (p > 0 && (sims[p - 1] < sim || (sims[p - 1] === sim && ids[p - 1] > id))) {
    ids[p] = ids[p - 1];
    sims[p] = sims[p - 1];
    p--;
  }
  ids[p] = id;
  sims[p] = sim;
}

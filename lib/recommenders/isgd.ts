import type { Stream } from "../random/stream.js";
import { ItemDots } from "./item-dots.js";
import type { Recommender, RoundEvents, ScoreRequest } from "./recommender.js";

/** The settings of incremental SGD matrix factorisation (the `mf` component's `solver: isgd`). */
export interface IsgdSettings {
  dim: number;
  /** SGD step η. */
  lr: number;
  /** L2 penalty λ, applied to the rows an update touches. */
  l2: number;
  /** Items drawn uniformly from the present catalog as negatives per positive. */
  negatives: number;
  /** `pointwise`: ISGD's target 1 for the positive and 0 for each negative; `bpr`: one pairwise step per negative. */
  loss: "pointwise" | "bpr";
  initSd: number;
}

/**
 * Incremental SGD matrix factorisation on positive-only feedback (ISGD: Vinagre, Jorge & Gama, "Fast incremental
 * matrix factorization for recommendation with positive-only feedback", UMAP 2014), with sampled negatives in the
 * manner of BPR (Rendle et al., UAI 2009). For each positive (u, i), in the order the round's events came:
 *   pointwise: e = 1 − p_u·q_i;  p_u ← p_u + η(e·q_i − λp_u);  q_i ← q_i + η(e·p_u − λq_i)  (both with the old p_u, q_i),
 *              then the same toward 0 for each of `negatives` items drawn uniformly from the present catalog;
 *   bpr:       for each drawn item j, x = p_u·(q_i − q_j), g = σ(−x):
 *              p_u ← p_u + η(g(q_i − q_j) − λp_u), q_i ← q_i + η(g·p_u − λq_i), q_j ← q_j + η(−g·p_u − λq_j).
 * Vectors of every user and item start as seeded N(0, initSd²) draws. Raw score: p_u·q_i for every present item
 * (one pass of the WebAssembly dot kernel of ItemDots, whose copy of an item row is refreshed when the row moves).
 * One update per event and no epochs: the cost per positive is O((1 + negatives)·dim), whatever the history.
 */
export function createIsgd(users: number, items: number, s: IsgdSettings, stream: Stream): Recommender {
  const d = s.dim;
  const P = new Float32Array(users * d);
  const Q = new Float32Array(items * d);
  for (let j = 0; j < P.length; j++) P[j] = stream.normal(0, s.initSd);
  for (let j = 0; j < Q.length; j++) Q[j] = stream.normal(0, s.initSd);
  const sampler = stream.fork("negatives");
  const dots = new ItemDots(Q, items, d);
  let present = 0;
  let updates = 0;

  /** Pointwise step of (u, i) toward `target`. */
  const point = (u: number, i: number, target: number) => {
    const po = u * d;
    const qo = i * d;
    let dot = 0;
    for (let f = 0; f < d; f++) dot += P[po + f] * Q[qo + f];
    const e = target - dot;
    for (let f = 0; f < d; f++) {
      const p = P[po + f];
      const q = Q[qo + f];
      P[po + f] = p + s.lr * (e * q - s.l2 * p);
      Q[qo + f] = q + s.lr * (e * p - s.l2 * q);
    }
    dots.setItem(i, Q, qo);
  };

  /** BPR step of (u, i) against j. */
  const pair = (u: number, i: number, j: number) => {
    const po = u * d;
    const io = i * d;
    const jo = j * d;
    let x = 0;
    for (let f = 0; f < d; f++) x += P[po + f] * (Q[io + f] - Q[jo + f]);
    const g = 1 / (1 + Math.exp(x));
    for (let f = 0; f < d; f++) {
      const p = P[po + f];
      const qi = Q[io + f];
      const qj = Q[jo + f];
      P[po + f] = p + s.lr * (g * (qi - qj) - s.l2 * p);
      Q[io + f] = qi + s.lr * (g * p - s.l2 * qi);
      Q[jo + f] = qj + s.lr * (-g * p - s.l2 * qj);
    }
    dots.setItem(i, Q, io);
    dots.setItem(j, Q, jo);
  };

  return {
    name: "mf",
    score({ users: active, items: n }: ScoreRequest) {
      present = Math.max(present, n);
      const rows = new Float32Array(active.length * d);
      for (let a = 0; a < active.length; a++) rows.set(P.subarray(active[a] * d, (active[a] + 1) * d), a * d);
      return dots.dots(rows, active.length, n);
    },
    observe({ impressions }: RoundEvents) {
      const n = Math.max(present, 1);
      for (const e of impressions) {
        if (!e.clicked) continue;
        if (s.loss === "pointwise") point(e.user, e.item, 1);
        for (let k = 0; k < s.negatives; k++) {
          const j = sampler.int(n);
          if (j === e.item) continue;
          if (s.loss === "pointwise") point(e.user, j, 0);
          else pair(e.user, e.item, j);
        }
        updates++;
      }
    },
    dispose() {},
    diagnostics: () => ({ updates }),
  };
}

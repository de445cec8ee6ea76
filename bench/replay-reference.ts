/**
 * A plain typed-array prequential replay of popularity and incremental matrix factorisation, written apart from
 * lib/ (it shares only the data preparation: the parsed ratings and the Timeline's batches, item ids and present
 * items), as the yardstick of `npm run bench -- replay`:
 *  - speed: the same work as `drift-lab replay --policies popularity,mf` (the same candidates: the present items the
 *    user has not rated before the event; the same updates: decayed counts, and one ISGD/BPR step per positive
 *    with the same number of uniform negatives), with nothing else: no normalising, no policy feedback;
 *  - quality: textbook ISGD (Vinagre, Jorge & Gama 2014): positive-only updates toward 1, no negatives, items
 *    ranked by |1 − p_u·q_i| ascending (the paper's rule), which the lab's mf must match on the held-out part.
 * Ties go to the lower item id (the replay breaks them with a seeded jitter), and the negatives come from this
 * file's own generator: hit rates agree with the replay's in distribution, not draw for draw.
 */
import type { MovieLensDataset, Timeline } from "../lib/index.js";

export interface ReferenceMf {
  dim: number;
  lr: number;
  l2: number;
  negatives: number;
  /** isgd: toward 1 / toward 0 for negatives; isgd-bpr: pairwise; textbook: positive-only, ranked by |1 − p·q|. */
  solver: "isgd" | "isgd-bpr" | "textbook";
  initSd: number;
}

export interface ReferenceOptions {
  k: number;
  positive: number;
  purchase: number;
  popularityDecay: number;
  mf: ReferenceMf;
  /** Events before this rating index are replayed but not counted (the tuning slice). */
  countFrom: number;
  seed: number;
}

export interface ReferenceResult {
  popularity: { events: number; hits: number };
  mf: { events: number; hits: number };
  seconds: number;
}

/** xorshift32 → (0, 1): the bench's own generator, apart from lib's streams. */
export function generator(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
}

/** Box–Muller normal draws. */
function normal(next: () => number, sd: number): number {
  return sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

export function referenceReplay(data: MovieLensDataset, timeline: Timeline, o: ReferenceOptions, withPopularity = true): ReferenceResult {
  const started = performance.now();
  const r = data.ratings;
  const U = data.userIds.length;
  const I = timeline.movieOf.length;
  const d = o.mf.dim;
  const next = generator(o.seed);
  const P = new Float32Array(U * d).map(() => normal(next, o.mf.initSd));
  const Q = new Float32Array(I * d).map(() => normal(next, o.mf.initSd));
  const counts = new Float64Array(I);
  const rated = new Uint8Array(U * I);
  const score = new Float32Array(I);
  const top = new Int32Array(o.k + 64);
  const topValue = new Float64Array(o.k + 64);
  const result: ReferenceResult = { popularity: { events: 0, hits: 0 }, mf: { events: 0, hits: 0 }, seconds: 0 };
  const { batchStart, itemOf, present } = timeline;
  const before: number[] = [];

  /** Is `target` among the k best of `score` over [0, n) not rated by u (nor in `before`)? */
  const hit = (u: number, n: number, target: number): boolean => {
    let m = 0;
    const cap = o.k;
    for (let i = 0; i < n; i++) {
      const v = score[i];
      if (m === cap && v <= topValue[m - 1]) continue;
      if (rated[u * I + i] || before.includes(i)) continue;
      let p = m < cap ? m++ : cap - 1;
      while (p > 0 && topValue[p - 1] < v) {
        top[p] = top[p - 1];
        topValue[p] = topValue[p - 1];
        p--;
      }
      top[p] = i;
      topValue[p] = v;
    }
    for (let p = 0; p < m; p++) if (top[p] === target) return true;
    return false;
  };

  const point = (u: number, i: number, target: number) => {
    let dot = 0;
    for (let f = 0; f < d; f++) dot += P[u * d + f] * Q[i * d + f];
    const e = target - dot;
    for (let f = 0; f < d; f++) {
      const p = P[u * d + f];
      const q = Q[i * d + f];
      P[u * d + f] = p + o.mf.lr * (e * q - o.mf.l2 * p);
      Q[i * d + f] = q + o.mf.lr * (e * p - o.mf.l2 * q);
    }
  };
  const pair = (u: number, i: number, j: number) => {
    let x = 0;
    for (let f = 0; f < d; f++) x += P[u * d + f] * (Q[i * d + f] - Q[j * d + f]);
    const g = 1 / (1 + Math.exp(x));
    for (let f = 0; f < d; f++) {
      const p = P[u * d + f];
      const qi = Q[i * d + f];
      const qj = Q[j * d + f];
      P[u * d + f] = p + o.mf.lr * (g * (qi - qj) - o.mf.l2 * p);
      Q[i * d + f] = qi + o.mf.lr * (g * p - o.mf.l2 * qi);
      Q[j * d + f] = qj + o.mf.lr * (-g * p - o.mf.l2 * qj);
    }
  };

  for (let b = 0; b + 1 < batchStart.length; b++) {
    const n = present[b];
    // recommend: every positive of the batch, before the batch is learned
    for (let j = batchStart[b]; j < batchStart[b + 1]; j++) {
      if (r.rating[j] < o.positive || j < o.countFrom) continue;
      const u = r.user[j];
      const target = itemOf[r.movie[j]];
      before.length = 0;
      for (let e = batchStart[b]; e < j; e++) if (r.user[e] === u) before.push(itemOf[r.movie[e]]);
      if (withPopularity) {
        for (let i = 0; i < n; i++) score[i] = counts[i];
        result.popularity.events++;
        if (hit(u, n, target)) result.popularity.hits++;
      }
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += P[u * d + f] * Q[i * d + f];
        score[i] = o.mf.solver === "textbook" ? -Math.abs(1 - s) : s;
      }
      result.mf.events++;
      if (hit(u, n, target)) result.mf.hits++;
    }
    // learn
    for (let i = 0; i < I; i++) counts[i] *= o.popularityDecay;
    for (let j = batchStart[b]; j < batchStart[b + 1]; j++) {
      const u = r.user[j];
      const i = itemOf[r.movie[j]];
      rated[u * I + i] = 1;
      if (r.rating[j] < o.positive) continue;
      counts[i] += 1 + (r.rating[j] >= o.purchase ? 1 : 0);
      if (o.mf.solver !== "isgd-bpr") point(u, i, 1);
      if (o.mf.solver === "textbook") continue;
      for (let k = 0; k < o.mf.negatives; k++) {
        const neg = Math.floor(next() * Math.max(n, 1));
        if (neg === i) continue;
        if (o.mf.solver === "isgd") point(u, neg, 0);
        else pair(u, i, neg);
      }
    }
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

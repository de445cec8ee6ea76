/**
 * Ranking metrics for one user, following Microsoft Recommenders' python_evaluation:
 *   precision@k = hits in the top k / k            (k, not the list length, is the denominator)
 *   recall@k    = hits in the top k / |relevant|
 *   NDCG@k      = DCG / IDCG, binary gain, DCG = Σ_{hit at rank r (1-based)} 1 / log2(r + 1),
 *                 IDCG = Σ_{r=1}^{min(|relevant|, k)} 1 / log2(r + 1)
 *   AP@k        = Σ_{hit at rank r} (hits in the top r / r) / min(|relevant|, k)     (MAP is its mean)
 *   hit@k       = 1 if any of the top k is relevant
 * A user with no relevant items scores 0 on all of them; averages are over users.
 */
export interface RankingScores {
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  hit: number;
}

export function rankingScores(recommended: ArrayLike<number>, relevant: Set<number>, k: number): RankingScores {
  const n = Math.min(k, recommended.length);
  let hits = 0;
  let dcg = 0;
  let ap = 0;
  for (let r = 0; r < n; r++) {
    if (relevant.has(recommended[r])) {
      hits++;
      dcg += 1 / Math.log2(r + 2);
      ap += hits / (r + 1);
    }
  }
  const m = relevant.size;
  if (m === 0) return { precision: 0, recall: 0, ndcg: 0, map: 0, hit: 0 };
  let idcg = 0;
  for (let r = 0; r < Math.min(m, k); r++) idcg += 1 / Math.log2(r + 2);
  return { precision: hits / k, recall: hits / m, ndcg: dcg / idcg, map: ap / Math.min(m, k), hit: hits > 0 ? 1 : 0 };
}

export function meanScores(scores: RankingScores[]): RankingScores {
  const out = { precision: 0, recall: 0, ndcg: 0, map: 0, hit: 0 };
  if (scores.length === 0) return out;
  for (const s of scores) for (const key of Object.keys(out) as (keyof RankingScores)[]) out[key] += s[key];
  for (const key of Object.keys(out) as (keyof RankingScores)[]) out[key] /= scores.length;
  return out;
}

/**
 * The ids of the n largest values of `values` among ids [0, values.length) not in `exclude`, best first; ties go to
 * the lower id, so topN(n) is always the first n of topN(m) for m > n. One pass; the values are read in place
 * (a value callback per item, not inlined where several call sites share it, cost the replay more than the blend).
 * `above(from, floor)`, when given, is a faster scan of the same values: the first index ≥ from whose value is
 * greater than floor (values.length if none); once n are listed, the scan skips to it.
 */
export function topN(values: ArrayLike<number>, n: number, exclude?: Set<number>, above?: (from: number, floor: number) => number): number[] {
  const ids: number[] = [];
  const vals: number[] = [];
  if (n <= 0) return ids;
  const count = values.length;
  let floor = -Infinity;
  for (let i = 0; i < count; i++) {
    if (above && ids.length === n && (i = above(i, floor)) >= count) break;
    const v = values[i];
    if (ids.length === n && v <= floor) continue;
    if (exclude?.has(i)) continue;
    let p = ids.length === n ? n - 1 : ids.length;
    if (ids.length < n) {
      ids.push(i);
      vals.push(v);
    }
    while (p > 0 && vals[p - 1] < v) {
      ids[p] = ids[p - 1];
      vals[p] = vals[p - 1];
      p--;
    }
    ids[p] = i;
    vals[p] = v;
    if (ids.length === n) floor = vals[n - 1];
  }
  return ids;
}

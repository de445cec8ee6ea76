import { catalogCoverage, distributionalCoverage, intraListDiversity, novelty } from "./diversity.js";
import { meanScores, rankingScores, type RankingScores } from "./ranking.js";

export interface Interaction {
  user: string;
  item: string;
  value: number;
}

export interface EvaluationInput {
  truth: Interaction[];
  predictions: Interaction[];
  k: number;
  /** Past interactions: the denominator of catalog coverage and the counts behind novelty. */
  train?: { user: string; item: string }[];
  /** Item feature vectors for intra-list diversity; pairs with an item that has none are left out. */
  itemFeatures?: Map<string, number[]>;
}

export interface EvaluationResult extends RankingScores {
  users: number;
  k: number;
  ild?: number;
  novelty?: number;
  catalog_coverage?: number;
  distributional_coverage?: number;
}

/**
 * Offline evaluation of a recommendation file with the lab's metric code. Each user's list is their top k
 * predictions (ties keep file order); every truth row counts as relevant; ranking metrics average over users
 * present in both files, as Microsoft Recommenders does.
 */
export function evaluate(input: EvaluationInput): EvaluationResult {
  const relevant = new Map<string, Set<string>>();
  for (const t of input.truth) {
    if (!relevant.has(t.user)) relevant.set(t.user, new Set());
    relevant.get(t.user)!.add(t.item);
  }
  const byUser = new Map<string, Interaction[]>();
  input.predictions.forEach((p) => {
    if (!byUser.has(p.user)) byUser.set(p.user, []);
    byUser.get(p.user)!.push(p);
  });
  const itemIds = new Map<string, number>();
  const id = (item: string) => {
    if (!itemIds.has(item)) itemIds.set(item, itemIds.size);
    return itemIds.get(item)!;
  };
  const lists: number[][] = [];
  const scores: RankingScores[] = [];
  for (const [user, rows] of byUser) {
    const top = rows
      .map((r, order) => ({ r, order }))
      .sort((a, b) => b.r.value - a.r.value || a.order - b.order)
      .slice(0, input.k)
      .map(({ r }) => id(r.item));
    lists.push(top);
    const rel = relevant.get(user);
    if (!rel) continue;
    scores.push(rankingScores(top, new Set([...rel].map(id)), input.k));
  }
  const result: EvaluationResult = { ...meanScores(scores), users: scores.length, k: input.k };
  const allRecommended = lists.flat();
  if (input.train) {
    const counts = new Float64Array(itemIds.size + input.train.length);
    const trainItems = new Set<string>();
    for (const t of input.train) {
      counts[id(t.item)]++;
      trainItems.add(t.item);
    }
    result.novelty = novelty(allRecommended, counts, input.train.length);
    result.catalog_coverage = catalogCoverage(allRecommended, trainItems.size);
  }
  result.distributional_coverage = distributionalCoverage(allRecommended);
  if (input.itemFeatures) {
    const dim = input.itemFeatures.values().next().value?.length ?? 0;
    const vectors = new Float32Array(itemIds.size * dim);
    const names = [...itemIds.keys()];
    names.forEach((name, i) => {
      const f = input.itemFeatures!.get(name);
      if (f && f.length !== dim) throw new RangeError(`item features: '${name}' has ${f.length} values, expected ${dim}`);
      if (f) vectors.set(f, i * dim);
    });
    const known = new Set(names.filter((name) => input.itemFeatures!.has(name)).map(id));
    const ilds = lists
      .map((l) => l.filter((i) => known.has(i)))
      .filter((l) => l.length > 1)
      .map((l) => intraListDiversity(l, vectors, dim));
    result.ild = ilds.length ? ilds.reduce((s, v) => s + v, 0) / ilds.length : 0;
  }
  return result;
}

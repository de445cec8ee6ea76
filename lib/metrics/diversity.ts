/**
 * Beyond-accuracy metrics, following Microsoft Recommenders' python_evaluation where it defines them.
 *
 * intra-list diversity: 1 − mean pairwise cosine similarity of the item feature vectors in one list
 *   (0 for a list shorter than two).
 * novelty: −log2(n_i / N) of an item, with n_i its interactions in the training (past) data and N all of them,
 *   averaged over recommendation rows; items with no past interaction are skipped in the sum but still count
 *   in the number of rows, as in Microsoft Recommenders.
 * catalog coverage: distinct recommended items / size of the catalog they could come from.
 * distributional coverage: entropy −Σ p_i log2 p_i of how often each item was recommended.
 * exposure Gini: Gini coefficient of exposure counts over the catalog (0 equal, → 1 concentrated).
 */
export function intraListDiversity(list: ArrayLike<number>, features: Float32Array, dim: number): number {
  const n = list.length;
  if (n < 2) return 0;
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      sum += cosine(features, list[a] * dim, list[b] * dim, dim);
      pairs++;
    }
  }
  return 1 - sum / pairs;
}

export function cosine(v: Float32Array, a: number, b: number, dim: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < dim; j++) {
    dot += v[a + j] * v[b + j];
    na += v[a + j] * v[a + j];
    nb += v[b + j] * v[b + j];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export function novelty(recommended: ArrayLike<number>, interactions: ArrayLike<number>, totalInteractions: number): number {
  if (recommended.length === 0 || totalInteractions <= 0) return 0;
  let sum = 0;
  for (let r = 0; r < recommended.length; r++) {
    const n = interactions[recommended[r]];
    if (n > 0) sum += -Math.log2(n / totalInteractions);
  }
  return sum / recommended.length;
}

export function catalogCoverage(recommended: Iterable<number>, catalogSize: number): number {
  return catalogSize > 0 ? new Set(recommended).size / catalogSize : 0;
}

export function distributionalCoverage(recommended: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let r = 0; r < recommended.length; r++) counts.set(recommended[r], (counts.get(recommended[r]) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / recommended.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Gini coefficient of non-negative values: Σ_i (2i − n − 1)·x_(i) / (n·Σx), x sorted ascending, i 1-based. */
export function gini(values: ArrayLike<number>): number {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i];
    weighted += (2 * (i + 1) - n - 1) * sorted[i];
  }
  return total > 0 ? weighted / (n * total) : 0;
}

import type { MovieLensDataset } from "./dataset.js";

export interface TopicFactorOptions {
  /** Number of topics T; topic k is anchored to the k-th most common genre (topics beyond the genres start flat). */
  topics: number;
  /** EM iterations. */
  iterations: number;
  /** Pseudo-count pulling each topic's item distribution toward the movies of its genre (keeps topics named). */
  anchor: number;
  /** Pseudo-count of the uniform prior on each user's mixture. */
  userPrior: number;
  /** Shrinkage (in ratings) of the item and user rating biases toward 0. */
  biasShrinkage: number;
}

export const DEFAULT_TOPIC_FACTOR_OPTIONS: TopicFactorOptions = { topics: 12, iterations: 100, anchor: 2, userPrior: 1, biasShrinkage: 10 };

/**
 * Genre-anchored topic factors of who rated what (PLSA, i.e. non-negative factorization under KL, fitted by EM):
 *   P(i | u) = Σ_k θ_uk · β_ki,
 * so θ_u (what a user watches) and each item's topic posterior φ_i ∝ π_k·β_ki live on the simplex, as the simulated
 * world's interests and features do. Which items are better comes from the rating values: b_i in
 * r ≈ μ + b_u + b_i (alternating shrunk means).
 */
export interface TopicFactors {
  /** The genre each topic is anchored to ("" for a free topic). */
  anchors: string[];
  topics: number;
  /** users × topics θ_u. */
  userTopics: Float64Array;
  /** movies × topics φ_i (a movie without ratings gets its genre prior). */
  itemTopics: Float64Array;
  /** Share π_k of all ratings explained by topic k. */
  topicShare: Float64Array;
  itemBias: Float64Array;
  userBias: Float64Array;
  mean: number;
  /** Mean log-likelihood per rating of the fitted P(i | u), and of popularity alone (P(i | u) = n_i / n). */
  logLikelihood: number;
  popularityLogLikelihood: number;
}

/** Genres by how many movies carry them, most common first (ties by name). */
export function genresByFrequency(data: MovieLensDataset): string[] {
  const counts = new Map<string, number>();
  for (const m of data.movies) for (const g of m.genres) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([g]) => g);
}

export function fitTopicFactors(data: MovieLensDataset, options: Partial<TopicFactorOptions> = {}): TopicFactors {
  const o = { ...DEFAULT_TOPIC_FACTOR_OPTIONS, ...options };
  const T = o.topics;
  const U = data.userIds.length;
  const I = data.movies.length;
  const r = data.ratings;
  const n = r.count;
  const genres = genresByFrequency(data);
  const anchors = Array.from({ length: T }, (_, k) => genres[k] ?? "");

  // prior[k·I + i]: topic k's pseudo-counts on the movies of its genre (spread over a movie's anchored genres).
  const prior = new Float64Array(T * I);
  data.movies.forEach((m, i) => {
    const mine = anchors.map((g, k) => (g && m.genres.includes(g) ? k : -1)).filter((k) => k >= 0);
    const ks = mine.length ? mine : anchors.map((_, k) => k);
    for (const k of ks) prior[k * I + i] = o.anchor / ks.length;
  });
  for (let k = genres.length; k < T; k++) for (let i = 0; i < I; i++) prior[k * I + i] = (o.anchor / I) * (1 + ((i * 7919 + k * 104729) % 97) / 97);
  const beta = normaliseTopics(prior.slice(), T, I);
  const theta = new Float64Array(U * T).fill(1 / T);
  const post = new Float64Array(T);
  const thetaNext = new Float64Array(U * T);
  const betaNext = new Float64Array(T * I);
  let logLikelihood = 0;
  for (let it = 0; it < o.iterations; it++) {
    thetaNext.fill(o.userPrior / T);
    betaNext.set(prior);
    logLikelihood = 0;
    for (let j = 0; j < n; j++) {
      const u = r.user[j];
      const i = r.movie[j];
      let sum = 0;
      for (let k = 0; k < T; k++) sum += post[k] = theta[u * T + k] * beta[k * I + i];
      logLikelihood += Math.log(sum);
      for (let k = 0; k < T; k++) {
        const p = post[k] / sum;
        thetaNext[u * T + k] += p;
        betaNext[k * I + i] += p;
      }
    }
    normaliseRows(thetaNext, U, T, theta);
    beta.set(normaliseTopics(betaNext, T, I));
  }
  const share = new Float64Array(T);
  for (let u = 0; u < U; u++) for (let k = 0; k < T; k++) share[k] += theta[u * T + k];
  for (let k = 0; k < T; k++) share[k] /= U;
  const itemTopics = new Float64Array(I * T);
  for (let i = 0; i < I; i++) {
    let sum = 0;
    for (let k = 0; k < T; k++) sum += itemTopics[i * T + k] = share[k] * beta[k * I + i];
    for (let k = 0; k < T; k++) itemTopics[i * T + k] /= sum;
  }
  const counts = new Float64Array(I);
  for (let j = 0; j < n; j++) counts[r.movie[j]]++;
  let popularity = 0;
  for (let j = 0; j < n; j++) popularity += Math.log(counts[r.movie[j]] / n);
  const biases = ratingBiases(data, o.biasShrinkage);
  return {
    anchors,
    topics: T,
    userTopics: theta,
    itemTopics,
    topicShare: share,
    ...biases,
    logLikelihood: logLikelihood / (n || 1),
    popularityLogLikelihood: popularity / (n || 1),
  };
}

function normaliseRows(x: Float64Array, rows: number, columns: number, out: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < columns; c++) sum += x[r * columns + c];
    for (let c = 0; c < columns; c++) out[r * columns + c] = x[r * columns + c] / sum;
  }
}

/** Each topic's row of pseudo-counts over items, normalised to a distribution. */
function normaliseTopics(x: Float64Array, T: number, I: number): Float64Array {
  normaliseRows(x, T, I, x);
  return x;
}

/** r ≈ μ + b_u + b_i by alternating shrunk means (three sweeps). */
export function ratingBiases(data: MovieLensDataset, shrinkage: number) {
  const r = data.ratings;
  const n = r.count;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += r.rating[j];
  mean /= n || 1;
  const itemBias = new Float64Array(data.movies.length);
  const userBias = new Float64Array(data.userIds.length);
  const sum = new Float64Array(Math.max(itemBias.length, userBias.length));
  const count = new Float64Array(sum.length);
  for (let sweep = 0; sweep < 3; sweep++) {
    sum.fill(0);
    count.fill(0);
    for (let j = 0; j < n; j++) {
      sum[r.movie[j]] += r.rating[j] - mean - userBias[r.user[j]];
      count[r.movie[j]]++;
    }
    for (let i = 0; i < itemBias.length; i++) itemBias[i] = sum[i] / (count[i] + shrinkage);
    sum.fill(0);
    count.fill(0);
    for (let j = 0; j < n; j++) {
      sum[r.user[j]] += r.rating[j] - mean - itemBias[r.movie[j]];
      count[r.user[j]]++;
    }
    for (let u = 0; u < userBias.length; u++) userBias[u] = sum[u] / (count[u] + shrinkage);
  }
  return { mean, itemBias, userBias };
}

import type { WorldConfig } from "../world/config.js";
import type { Items } from "../world/items.js";
import type { Topic, Vocabulary } from "../world/topics.js";
import type { Users } from "../world/users.js";
import type { MovieLensDataset } from "./dataset.js";
import { bareTitle, movieText, tagsByMovie } from "./item-text.js";
import { arrivalOrder, movieArrivals } from "./timeline.js";
import { fitTopicFactors, type TopicFactorOptions, type TopicFactors } from "./topic-factors.js";

/** A world's catalog and population built from a MovieLens release, for `new World(…, source)`. */
export interface CalibratedWorld {
  items: Items;
  users: Users;
  /** One topic per anchored genre, with phrases from the data (queries and reviews use them). */
  vocabulary: Vocabulary;
  factors: TopicFactors;
  /** Dataset movie index of each world item (items are ordered by arrival). */
  movieOf: Int32Array;
}

/** Where a genre's topic peaks in the periodic drift's cycle (DESIGN §1 `periodic`). */
const GENRE_CONTEXT: Record<string, string> = {
  Children: "morning",
  Animation: "morning",
  Documentary: "work",
  Drama: "evening",
  Romance: "evening",
  Comedy: "evening",
  Musical: "evening",
  Horror: "night",
  Thriller: "night",
  Crime: "night",
  Mystery: "night",
  "Film-Noir": "night",
  Action: "weekend",
  Adventure: "weekend",
  "Sci-Fi": "weekend",
  Fantasy: "weekend",
  War: "weekend",
  Western: "weekend",
  IMAX: "weekend",
};

/** Smallest share of a topic kept in an item's features (the rest is dropped and φ renormalised: sparse, like the synthetic φ). */
export const FEATURE_FLOOR = 0.05;

/**
 * Items are the movies (ordered by arrival: the earlier of first rating and release year), with title, year,
 * genres and tags as text; φ_i is the movie's topic posterior from genre-anchored topic factors of who rated
 * what (topic-factors.ts), q_i = qualitySd × the standardised rating bias b_i, and the popularity prior the
 * standardised log rating count. Users (ordered by first rating) start with logits log θ_u, and their activity
 * is √(ratings) scaled to mean 1. Arrival rounds follow the data's order with the configured initial shares.
 */
export function calibrateWorld(
  data: MovieLensDataset,
  config: WorldConfig,
  rounds: number,
  base: Vocabulary,
  options: Partial<TopicFactorOptions> = {},
): CalibratedWorld {
  const T = config.topics;
  const factors = fitTopicFactors(data, { ...options, topics: T });
  const r = data.ratings;
  const movieOf = arrivalOrder(movieArrivals(data));
  const I = movieOf.length;
  const counts = new Float64Array(data.movies.length);
  for (let j = 0; j < r.count; j++) counts[r.movie[j]]++;
  const tags = tagsByMovie(data.movies.length, data.tags.movie, data.tags.tag);

  const features = new Float32Array(I * T);
  const mainTopic = new Int32Array(I);
  movieOf.forEach((m, i) => {
    const phi = sparseSimplex(factors.itemTopics.subarray(m * T, (m + 1) * T), FEATURE_FLOOR);
    features.set(phi, i * T);
    mainTopic[i] = argmax(phi);
  });
  const movies = Array.from(movieOf, (m) => data.movies[m]);
  const items: Items = {
    count: I,
    topics: T,
    features,
    quality: standardise(Float64Array.from(movieOf, (m) => factors.itemBias[m])).map((v) => v * config.qualitySd),
    arrival: arrivalRounds(I, config.initialItems, rounds),
    popularity: standardise(Float64Array.from(movieOf, (m) => Math.log1p(counts[m]))),
    mainTopic,
    title: movies.map((m) => m.title),
    text: movies.map((m, i) => movieText(m, tags[movieOf[i]].slice(0, 8))),
  };

  const U = data.userIds.length;
  const firstRating = new Float64Array(U).fill(Infinity);
  const ratingsOf = new Float64Array(U);
  for (let j = 0; j < r.count; j++) {
    ratingsOf[r.user[j]]++;
    if (r.timestamp[j] < firstRating[r.user[j]]) firstRating[r.user[j]] = r.timestamp[j];
  }
  const userOrder = arrivalOrder(firstRating);
  const logits = new Float64Array(U * T);
  userOrder.forEach((u, w) => {
    const theta = factors.userTopics.subarray(u * T, (u + 1) * T);
    let mean = 0;
    for (let k = 0; k < T; k++) mean += Math.log(Math.max(theta[k], 1e-4)) / T;
    for (let k = 0; k < T; k++) logits[w * T + k] = Math.log(Math.max(theta[k], 1e-4)) - mean;
  });
  const activity = Float64Array.from(userOrder, (u) => Math.sqrt(ratingsOf[u]));
  const meanActivity = activity.reduce((s, v) => s + v, 0) / (U || 1);
  const users: Users = {
    count: U,
    arrival: arrivalRounds(U, config.initialUsers, rounds),
    activity: activity.map((v) => v / meanActivity),
    logits,
    centres: logits.slice(),
  };
  return { items, users, vocabulary: topicVocabulary(factors, movieOf, mainTopic, tags, counts, data, base), factors, movieOf };
}

/** The first `share` of ids at round 0, the rest spread evenly over rounds 1 … rounds − 1 in id order. */
export function arrivalRounds(count: number, share: number, rounds: number): Int32Array {
  const initial = Math.round(count * share);
  const later = count - initial;
  return Int32Array.from({ length: count }, (_, i) => (i < initial ? 0 : 1 + Math.floor(((i - initial) * Math.max(1, rounds - 1)) / later)));
}

function topicVocabulary(
  factors: TopicFactors,
  movieOf: Int32Array,
  mainTopic: Int32Array,
  tags: string[][],
  counts: Float64Array,
  data: MovieLensDataset,
  base: Vocabulary,
): Vocabulary {
  const T = factors.topics;
  const contexts = ["morning", "work", "evening", "night", "weekend"];
  const topics: Topic[] = factors.anchors.map((anchor, k) => {
    const members = Array.from(movieOf.keys())
      .filter((i) => mainTopic[i] === k)
      .map((i) => movieOf[i])
      .sort((a, b) => counts[b] - counts[a] || a - b);
    const tagCounts = new Map<string, number>();
    for (const m of members) for (const t of tags[m]) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    const topTags = [...tagCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8).map(([t]) => t);
    const titles = members.slice(0, 5).map((m) => bareTitle(data.movies[m].title).toLowerCase());
    const name = anchor ? anchor.toLowerCase() : `topic ${k + 1}`;
    const phrases = [...new Set([`${name} films`, ...topTags, ...titles])];
    if (phrases.length < 2) phrases.push(`${name} movies`);
    return { name, context: GENRE_CONTEXT[anchor] ?? contexts[k % contexts.length], phrases, everyday: {} };
  });
  return { topics: topics.slice(0, T), filler: [], sentiment: base.sentiment, reviews: base.reviews };
}

function sparseSimplex(x: ArrayLike<number>, floor: number): Float32Array {
  const out = new Float32Array(x.length);
  const top = argmax(x);
  let sum = 0;
  for (let k = 0; k < x.length; k++) if (x[k] >= floor || k === top) sum += out[k] = x[k];
  for (let k = 0; k < x.length; k++) out[k] /= sum;
  return out;
}

function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < x.length; k++) if (x[k] > x[best]) best = k;
  return best;
}

function standardise(x: Float64Array): Float64Array {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / (n || 1);
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n || 1)) || 1;
  return x.map((v) => (v - mean) / sd);
}

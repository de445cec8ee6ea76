import type { MovieLensDataset } from "./dataset.js";

/**
 * The replay's clock. Ratings (in timestamp order) are cut into batches: ratings that share a timestamp always
 * fall in one batch, and a batch grows over further timestamps until it holds at least `batchSize` ratings.
 * A batch is one round for the components: all its recommendations are made before any of its events is learned.
 * Items get replay ids in order of arrival (the earlier of their first rating and 1 January of their title's
 * year), so the items present at a batch are a prefix of the ids, as in the simulated world.
 */
export interface Timeline {
  /** Ratings used: the first `count` of the dataset's time-ordered table. */
  count: number;
  /** Batch b holds ratings [batchStart[b], batchStart[b + 1]). */
  batchStart: Int32Array;
  /** Tags observed with batch b: [tagStart[b], tagStart[b + 1]). */
  tagStart: Int32Array;
  /** Replay item id of each dataset movie, and back. */
  itemOf: Int32Array;
  movieOf: Int32Array;
  /** Per replay item, the first batch at which it is present (batches for never). */
  arrival: Int32Array;
  /** Number of present items at each batch. */
  present: Int32Array;
}

export function yearStart(year: number): number {
  return Date.UTC(year, 0, 1) / 1000;
}

export function buildTimeline(data: MovieLensDataset, limit = Infinity, batchSize = 1): Timeline {
  const r = data.ratings;
  const count = Math.min(r.count, Math.max(0, Math.floor(limit)));
  const starts: number[] = [];
  let j = 0;
  while (j < count) {
    starts.push(j);
    const first = j;
    while (j < count && (j - first < batchSize || r.timestamp[j] === r.timestamp[j - 1])) j++;
  }
  const batches = starts.length;
  starts.push(count);
  const batchStart = Int32Array.from(starts);
  const lastTime = (b: number) => r.timestamp[batchStart[b + 1] - 1];

  const movies = data.movies.length;
  const arrivalTime = movieArrivals(data);
  const movieOf = arrivalOrder(arrivalTime);
  const itemOf = new Int32Array(movies);
  movieOf.forEach((m, id) => (itemOf[m] = id));

  const arrival = new Int32Array(movies).fill(batches);
  const present = new Int32Array(batches);
  let id = 0;
  for (let b = 0; b < batches; b++) {
    while (id < movies && arrivalTime[movieOf[id]] <= lastTime(b)) arrival[id++] = b;
    present[b] = id;
  }

  const tagStart = new Int32Array(batches + 1);
  let t = 0;
  const tags = data.tags;
  for (let b = 0; b < batches; b++) {
    tagStart[b] = t;
    while (t < tags.count && tags.timestamp[t] <= lastTime(b)) t++;
  }
  tagStart[batches] = t;
  return { count, batchStart, tagStart, itemOf, movieOf, arrival, present };
}

/** When each movie can first be recommended: the earlier of its first rating and 1 January of its year (∞ for neither). */
export function movieArrivals(data: MovieLensDataset): Float64Array {
  const r = data.ratings;
  const arrivalTime = new Float64Array(data.movies.length).fill(Infinity);
  data.movies.forEach((m, i) => {
    if (m.year !== null) arrivalTime[i] = yearStart(m.year);
  });
  for (let k = 0; k < r.count; k++) if (r.timestamp[k] < arrivalTime[r.movie[k]]) arrivalTime[r.movie[k]] = r.timestamp[k];
  return arrivalTime;
}

/** Indices sorted by time (ties by index). */
export function arrivalOrder(time: Float64Array): Int32Array {
  return Int32Array.from({ length: time.length }, (_, i) => i).sort((a, b) => time[a] - time[b] || a - b);
}

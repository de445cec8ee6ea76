import { CsvError } from "../io/csv.js";
import type { MovieLensDataset, MovieLensFormat, RatingTable, TagTable } from "./dataset.js";
import type { LineSource } from "./lines.js";
import { parseMovies } from "./movies.js";
import { movieLookup, parseRatings } from "./ratings.js";
import { parseTags } from "./tags.js";
import { parseUsers } from "./users.js";

/** A file to read: its name for errors, and a function that opens its lines (called once, in order). */
export interface NamedSource {
  file: string;
  open(): LineSource;
}

/** The files of a release: movies and ratings always; tags and ml-1m's users.dat when present. */
export interface MovieLensSources {
  format: MovieLensFormat;
  movies: NamedSource;
  ratings: NamedSource;
  tags?: NamedSource;
  users?: NamedSource;
}

/**
 * Parses and validates a release: movies first (ids unique), then ratings and tags (every movieId known).
 * Any malformed line throws a CsvError naming the file and line, and no dataset is returned.
 */
export async function parseMovieLens(sources: MovieLensSources): Promise<MovieLensDataset> {
  const { format } = sources;
  const movies = await parseMovies(sources.movies.open(), sources.movies.file, format);
  if (movies.length === 0) throw new CsvError(sources.movies.file, 1, "no movies: the table has no rows");
  const lookup = movieLookup(new Map(movies.map((m, i) => [m.id, i])), sources.movies.file);
  const raw = await parseRatings(sources.ratings.open(), sources.ratings.file, format, lookup);
  if (raw.userId.length === 0) throw new CsvError(sources.ratings.file, 1, "no ratings: the table has no rows");
  const rawTags = sources.tags ? await parseTags(sources.tags.open(), sources.tags.file, format, lookup) : null;
  const demographics = sources.users ? await parseUsers(sources.users.open(), sources.users.file) : null;

  const ids = new Set<number>(raw.userId);
  if (rawTags) for (const id of rawTags.userId) ids.add(id);
  const userIds = Int32Array.from([...ids].sort((a, b) => a - b));
  const dense = new Map<number, number>();
  userIds.forEach((id, u) => dense.set(id, u));

  const order = timeOrder(raw.timestamp);
  const ratings: RatingTable = {
    count: order.length,
    user: Int32Array.from(order, (j) => dense.get(raw.userId[j])!),
    movie: Int32Array.from(order, (j) => raw.movie[j]),
    rating: Float32Array.from(order, (j) => raw.rating[j]),
    timestamp: Float64Array.from(order, (j) => raw.timestamp[j]),
  };
  let tags: TagTable = { count: 0, user: new Int32Array(0), movie: new Int32Array(0), tag: [], timestamp: new Float64Array(0) };
  if (rawTags) {
    const o = timeOrder(rawTags.timestamp);
    tags = {
      count: o.length,
      user: Int32Array.from(o, (j) => dense.get(rawTags.userId[j])!),
      movie: Int32Array.from(o, (j) => rawTags.movie[j]),
      tag: Array.from(o, (j) => rawTags.tag[j]),
      timestamp: Float64Array.from(o, (j) => rawTags.timestamp[j]),
    };
  }
  const dataset: MovieLensDataset = { format, movies, userIds, ratings, tags };
  if (demographics) dataset.demographics = Array.from(userIds, (id) => demographics.get(id) ?? null);
  return dataset;
}

/** Indices in timestamp order; ties keep their file order. */
export function timeOrder(timestamp: Float64Array): Uint32Array {
  const order = new Uint32Array(timestamp.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < timestamp.length && sorted; i++) sorted = timestamp[i - 1] <= timestamp[i];
  if (sorted) return order;
  return order.sort((a, b) => timestamp[a] - timestamp[b] || a - b);
}

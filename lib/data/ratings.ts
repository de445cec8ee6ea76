import { CsvError } from "../io/csv.js";
import type { MovieLensFormat } from "./dataset.js";
import { integerField, ratingField } from "./fields.js";
import { Growable } from "./growable.js";
import type { LineSource } from "./lines.js";
import { forEachRecord, type RecordSpec } from "./records.js";

export const RATINGS_COLUMNS = "userId,movieId,rating,timestamp";
const RATINGS: RecordSpec = { columns: RATINGS_COLUMNS, datColumns: "UserID::MovieID::Rating::Timestamp" };

/** Ratings in file order, with the release's user ids and dense movie indices. */
export interface RawRatings {
  userId: Int32Array;
  movie: Int32Array;
  rating: Float32Array;
  timestamp: Float64Array;
}

/** Looks a movieId up, or throws naming the line. */
export function movieLookup(index: Map<number, number>, moviesFile: string) {
  return (id: number, file: string, line: number): number => {
    const m = index.get(id);
    if (m === undefined) throw new CsvError(file, line, `movieId ${id} is not in ${moviesFile}`);
    return m;
  };
}

/** ratings.csv (with header) or ratings.dat (UserID::MovieID::Rating::Timestamp). */
export async function parseRatings(
  source: LineSource,
  file: string,
  format: MovieLensFormat,
  movie: (id: number, file: string, line: number) => number,
): Promise<RawRatings> {
  const userId = new Growable(Int32Array, 1 << 16);
  const movies = new Growable(Int32Array, 1 << 16);
  const rating = new Growable(Float32Array, 1 << 16);
  const timestamp = new Growable(Float64Array, 1 << 16);
  await forEachRecord(source, file, format, RATINGS, (fields, at) => {
    userId.push(integerField(fields[0], "userId", at, 1));
    movies.push(movie(integerField(fields[1], "movieId", at, 1), file, at.line));
    rating.push(ratingField(fields[2], at));
    timestamp.push(integerField(fields[3], "timestamp", at, 0));
  });
  return { userId: userId.toArray(), movie: movies.toArray(), rating: rating.toArray(), timestamp: timestamp.toArray() };
}

import { CsvError, splitCsvLine } from "../io/csv.js";
import type { MovieLensFormat } from "./dataset.js";
import { expectFields, expectHeader, integerField, ratingField } from "./fields.js";
import { Growable } from "./growable.js";
import { forEachLine, type LineSource } from "./lines.js";

export const RATINGS_COLUMNS = "userId,movieId,rating,timestamp";

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
  let header = format === "csv";
  const columns = format === "csv" ? RATINGS_COLUMNS : "UserID::MovieID::Rating::Timestamp";
  await forEachLine(source, (line, n) => {
    const at = { file, line: n };
    if (header) {
      expectHeader(line, RATINGS_COLUMNS, at);
      header = false;
      return;
    }
    const fields = format === "dat" ? line.split("::") : line.includes('"') ? splitCsvLine(line, file, n) : line.split(",");
    expectFields(fields, 4, columns, at);
    userId.push(integerField(fields[0], "userId", at, 1));
    movies.push(movie(integerField(fields[1], "movieId", at, 1), file, n));
    rating.push(ratingField(fields[2], at));
    timestamp.push(integerField(fields[3], "timestamp", at, 0));
  });
  if (header) throw new CsvError(file, 1, `empty file: expected the header '${RATINGS_COLUMNS}'`);
  return { userId: userId.toArray(), movie: movies.toArray(), rating: rating.toArray(), timestamp: timestamp.toArray() };
}

import { CsvError } from "../io/csv.js";
import type { Movie, MovieLensFormat } from "./dataset.js";
import { integerField } from "./fields.js";
import type { LineSource } from "./lines.js";
import { forEachRecord, type RecordSpec } from "./records.js";

export const MOVIES_COLUMNS = "movieId,title,genres";
const MOVIES: RecordSpec = { columns: MOVIES_COLUMNS, datColumns: "MovieID::Title::Genres", freeText: 1 };

/** The year of a title ending in "(1995)" or "(2006–2007)", or null. */
export function titleYear(title: string): number | null {
  const m = /\((\d{4})(?:[–-]\d{0,4})?\)\s*$/.exec(title);
  return m ? Number(m[1]) : null;
}

export function splitGenres(raw: string): string[] {
  const g = raw.trim();
  if (g === "" || g === "(no genres listed)") return [];
  return g.split("|").map((s) => s.trim()).filter(Boolean);
}

/** movies.csv (movieId,title,genres with quoted titles) or movies.dat (MovieID::Title::Genres). */
export async function parseMovies(source: LineSource, file: string, format: MovieLensFormat): Promise<Movie[]> {
  const movies: Movie[] = [];
  const seen = new Map<number, number>();
  await forEachRecord(source, file, format, MOVIES, (fields, at) => {
    const id = integerField(fields[0], "movieId", at, 1);
    const title = fields[1].trim();
    if (title === "") throw new CsvError(file, at.line, "title: empty");
    const previous = seen.get(id);
    if (previous !== undefined) throw new CsvError(file, at.line, `movieId ${id} is listed twice (first on line ${previous})`);
    seen.set(id, at.line);
    movies.push({ id, title, year: titleYear(title), genres: splitGenres(fields[2]) });
  });
  return movies;
}

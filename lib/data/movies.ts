import { CsvError, splitCsvLine } from "../io/csv.js";
import type { Movie, MovieLensFormat } from "./dataset.js";
import { expectFields, expectHeader, integerField } from "./fields.js";
import { forEachLine, type LineSource } from "./lines.js";

export const MOVIES_COLUMNS = "movieId,title,genres";

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
  let header = format === "csv";
  await forEachLine(source, (line, n) => {
    const at = { file, line: n };
    if (header) {
      expectHeader(line, MOVIES_COLUMNS, at);
      header = false;
      return;
    }
    let fields = format === "csv" ? splitCsvLine(line, file, n) : line.split("::");
    if (format === "dat" && fields.length > 3) fields = [fields[0], fields.slice(1, -1).join("::"), fields[fields.length - 1]];
    expectFields(fields, 3, format === "csv" ? MOVIES_COLUMNS : "MovieID::Title::Genres", at);
    const id = integerField(fields[0], "movieId", at, 1);
    const title = fields[1].trim();
    if (title === "") throw new CsvError(file, n, "title: empty");
    const previous = seen.get(id);
    if (previous !== undefined) throw new CsvError(file, n, `movieId ${id} is listed twice (first on line ${previous})`);
    seen.set(id, n);
    movies.push({ id, title, year: titleYear(title), genres: splitGenres(fields[2]) });
  });
  if (header) throw new CsvError(file, 1, `empty file: expected the header '${MOVIES_COLUMNS}'`);
  return movies;
}

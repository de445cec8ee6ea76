import { CsvError, splitCsvLine } from "../io/csv.js";
import type { MovieLensFormat } from "./dataset.js";
import { expectFields, expectHeader, integerField } from "./fields.js";
import { Growable } from "./growable.js";
import { forEachLine, type LineSource } from "./lines.js";

export const TAGS_COLUMNS = "userId,movieId,tag,timestamp";

export interface RawTags {
  userId: Int32Array;
  movie: Int32Array;
  tag: string[];
  timestamp: Float64Array;
}

/** tags.csv (quoted tags) or tags.dat (UserID::MovieID::Tag::Timestamp). */
export async function parseTags(
  source: LineSource,
  file: string,
  format: MovieLensFormat,
  movie: (id: number, file: string, line: number) => number,
): Promise<RawTags> {
  const userId = new Growable(Int32Array);
  const movies = new Growable(Int32Array);
  const timestamp = new Growable(Float64Array);
  const tag: string[] = [];
  let header = format === "csv";
  const columns = format === "csv" ? TAGS_COLUMNS : "UserID::MovieID::Tag::Timestamp";
  await forEachLine(source, (line, n) => {
    const at = { file, line: n };
    if (header) {
      expectHeader(line, TAGS_COLUMNS, at);
      header = false;
      return;
    }
    let fields = format === "dat" ? line.split("::") : splitCsvLine(line, file, n);
    if (format === "dat" && fields.length > 4) fields = [fields[0], fields[1], fields.slice(2, -1).join("::"), fields[fields.length - 1]];
    expectFields(fields, 4, columns, at);
    userId.push(integerField(fields[0], "userId", at, 1));
    movies.push(movie(integerField(fields[1], "movieId", at, 1), file, n));
    tag.push(fields[2].trim());
    timestamp.push(integerField(fields[3], "timestamp", at, 0));
  });
  if (header) throw new CsvError(file, 1, `empty file: expected the header '${TAGS_COLUMNS}'`);
  return { userId: userId.toArray(), movie: movies.toArray(), tag, timestamp: timestamp.toArray() };
}

import type { MovieLensFormat } from "./dataset.js";
import { integerField } from "./fields.js";
import { Growable } from "./growable.js";
import type { LineSource } from "./lines.js";
import { forEachRecord, type RecordSpec } from "./records.js";

export const TAGS_COLUMNS = "userId,movieId,tag,timestamp";
const TAGS: RecordSpec = { columns: TAGS_COLUMNS, datColumns: "UserID::MovieID::Tag::Timestamp", freeText: 2 };

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
  await forEachRecord(source, file, format, TAGS, (fields, at) => {
    userId.push(integerField(fields[0], "userId", at, 1));
    movies.push(movie(integerField(fields[1], "movieId", at, 1), file, at.line));
    tag.push(fields[2].trim());
    timestamp.push(integerField(fields[3], "timestamp", at, 0));
  });
  return { userId: userId.toArray(), movie: movies.toArray(), tag, timestamp: timestamp.toArray() };
}

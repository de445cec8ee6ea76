import { CsvError, splitCsvLine } from "../io/csv.js";
import type { MovieLensFormat } from "./dataset.js";
import { expectFields, expectHeader, type At } from "./fields.js";
import { forEachLine, type LineSource } from "./lines.js";

/** The shape of one MovieLens table in both of its formats. */
export interface RecordSpec {
  /** The .csv header, e.g. `userId,movieId,rating,timestamp`. */
  columns: string;
  /** The .dat field names, for errors, e.g. `UserID::MovieID::Rating::Timestamp`. */
  datColumns: string;
  /** The free-text field (a title, a tag) whose own `::` splits it in a .dat file: its pieces are joined back. */
  freeText?: number;
}

/**
 * Calls `each` with the fields of every record after the header: a .csv file (its header checked; quoted fields
 * may hold commas) or a `::`-separated .dat file (no header). A record with the wrong number of fields, or a .csv
 * file without its header, is an error naming the file and line.
 */
export async function forEachRecord(
  source: LineSource,
  file: string,
  format: MovieLensFormat,
  spec: RecordSpec,
  each: (fields: string[], at: At) => void,
): Promise<void> {
  const count = spec.columns.split(",").length;
  let header = format === "csv";
  await forEachLine(source, (line, n) => {
    const at = { file, line: n };
    if (header) {
      expectHeader(line, spec.columns, at);
      header = false;
      return;
    }
    let fields: string[];
    if (format === "dat") {
      fields = line.split("::");
      const k = spec.freeText;
      if (k !== undefined && fields.length > count) {
        const extra = fields.length - count;
        fields = [...fields.slice(0, k), fields.slice(k, k + extra + 1).join("::"), ...fields.slice(k + extra + 1)];
      }
    } else fields = line.includes('"') ? splitCsvLine(line, file, n) : line.split(",");
    expectFields(fields, count, format === "csv" ? spec.columns : spec.datColumns, at);
    each(fields, at);
  });
  if (header) throw new CsvError(file, 1, `empty file: expected the header '${spec.columns}'`);
}

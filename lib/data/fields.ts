import { CsvError } from "../io/csv.js";

/** Where a field came from, for errors that name the file and line. */
export interface At {
  file: string;
  line: number;
}

export function integerField(raw: string, name: string, at: At, min = 0): number {
  if (!/^\s*-?\d+\s*$/.test(raw)) throw new CsvError(at.file, at.line, `${name}: '${raw}' is not an integer`);
  const v = Number(raw);
  if (v < min || !Number.isSafeInteger(v)) throw new CsvError(at.file, at.line, `${name}: ${raw} is out of range (allowed: ${min} or more)`);
  return v;
}

/** A star rating: 0.5 to 5 in half stars. */
export function ratingField(raw: string, at: At): number {
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v)) throw new CsvError(at.file, at.line, `rating: '${raw}' is not a number`);
  if (v < 0.5 || v > 5 || v * 2 !== Math.round(v * 2)) throw new CsvError(at.file, at.line, `rating: ${raw} is not a star rating (allowed: 0.5 to 5 in steps of 0.5)`);
  return v;
}

export function expectFields(fields: string[], count: number, columns: string, at: At): void {
  if (fields.length !== count) throw new CsvError(at.file, at.line, `expected ${count} fields (${columns}), found ${fields.length}`);
}

export function expectHeader(line: string, columns: string, at: At): void {
  const found = line.replace(/^\uFEFF/, "").split(",").map((c) => c.trim()).join(",");
  if (found !== columns) throw new CsvError(at.file, at.line, `expected the header '${columns}', found '${line}'`);
}

/**
 * CSV writing and strict parsing (RFC 4180 quoting), with errors that name the file and line.
 * Written here rather than taken from a library: the readers on npm (d3-dsv, which the pages use, papaparse)
 * either accept a ragged row, an unterminated quote or a stray quote silently or report them by record index,
 * not by the file's line (a quoted field may span lines), and the command line's contract is one error line naming
 * the file and line of the bad row. It is also pure, so lib/ and the pages share it.
 */
export type Cell = string | number | boolean | null | undefined;

/** Integers as they are; other numbers to 10 significant digits (a weight of 3e-9 stays 3e-9, not 0). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "Inf" : "-Inf";
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

function formatCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v);
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(columns: string[], rows: Cell[][]): string {
  const lines = [columns.map(formatCell).join(",")];
  for (const row of rows) lines.push(row.map(formatCell).join(","));
  return lines.join("\n") + "\n";
}

export function formatObjects(rows: Record<string, Cell>[], columns = rows.length ? Object.keys(rows[0]) : []): string {
  return formatCsv(columns, rows.map((r) => columns.map((c) => r[c])));
}

export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = "CsvError";
  }
}

/** Splits one CSV record into fields; throws on an unterminated quote. */
export function splitCsvLine(line: string, file: string, lineNumber: number, separator = ","): string[] {
  const out: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
    } else if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (line.startsWith(separator, i)) {
      out.push(field);
      field = "";
      i += separator.length;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(file, lineNumber, "unterminated quoted field");
  out.push(field);
  return out;
}

export interface ParsedCsv {
  columns: string[];
  rows: string[][];
  /** The 1-based line on which each row starts (blank lines are skipped, quoted fields may span lines). */
  lines: number[];
}

/**
 * Parses a whole CSV text with a header (a leading byte-order mark is ignored) naming each column once; every row
 * must have the header's number of fields. Quoted fields may contain separators, doubled quotes and line breaks.
 */
export function parseCsv(text: string, file = "input"): ParsedCsv {
  const records = csvRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  if (records.length === 0) throw new CsvError(file, 1, "empty file: expected a header line");
  const [header, ...body] = records;
  const columns = header.fields.map((c) => c.trim());
  const twice = columns.find((c, j) => columns.indexOf(c) !== j);
  if (twice !== undefined) throw new CsvError(file, header.line, `column '${twice}' appears twice in the header`);
  for (const { fields, line } of body) {
    if (fields.length !== columns.length) {
      throw new CsvError(file, line, `expected ${columns.length} fields (${columns.join(",")}), found ${fields.length}`);
    }
  }
  return { columns, rows: body.map((r) => r.fields), lines: body.map((r) => r.line) };
}

/** The non-blank records of a CSV text with the line each starts on. */
function csvRecords(text: string, file: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || field !== "" || wasQuoted) out.push({ fields, line: start });
    fields = [];
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") {
      quoted = wasQuoted = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) throw new CsvError(file, start, "unterminated quoted field");
  if (fields.length > 0 || field !== "" || wasQuoted) endRecord();
  return out;
}

/** Refuses a table with a header and no rows: an input that must hold data. */
export function requireRows(csv: ParsedCsv, file: string): ParsedCsv {
  if (csv.rows.length === 0) throw new CsvError(file, 2, `no rows after the header '${csv.columns.join(",")}': the table is empty`);
  return csv;
}

/** Picks named columns; numeric ones are parsed and must be finite. */
export function requireColumns(csv: ParsedCsv, file: string, wanted: { name: string; numeric?: boolean }[]) {
  const index = wanted.map(({ name }) => {
    const i = csv.columns.indexOf(name);
    if (i < 0) throw new CsvError(file, 1, `missing column '${name}' (found: ${csv.columns.join(", ")})`);
    return i;
  });
  return csv.rows.map((row, r) =>
    wanted.map(({ name, numeric }, j) => {
      const raw = row[index[j]];
      if (!numeric) return raw;
      const v = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(v)) throw new CsvError(file, csv.lines[r], `column '${name}': '${raw}' is not a number`);
      return v;
    }),
  );
}

/** CSV writing and strict parsing (RFC 4180 quoting), with errors that name the file and line. */
export type Cell = string | number | boolean | null | undefined;

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "Inf" : "-Inf";
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toFixed(6)));
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
}

/** Parses a whole CSV text with a header; every row must have the header's number of fields. */
export function parseCsv(text: string, file = "input"): ParsedCsv {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) throw new CsvError(file, 1, "empty file: expected a header line");
  const columns = splitCsvLine(lines[0], file, 1).map((c) => c.trim());
  const rows: string[][] = [];
  for (let l = 1; l < lines.length; l++) {
    if (lines[l] === "") continue;
    const fields = splitCsvLine(lines[l], file, l + 1);
    if (fields.length !== columns.length) {
      throw new CsvError(file, l + 1, `expected ${columns.length} fields (${columns.join(",")}), found ${fields.length}`);
    }
    rows.push(fields);
  }
  return { columns, rows };
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
      if (raw.trim() === "" || !Number.isFinite(v)) throw new CsvError(file, r + 2, `column '${name}': '${raw}' is not a number`);
      return v;
    }),
  );
}

import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { splitCsvLine } from "../../lib/index.js";
import { UsageError } from "../args.js";
import { writeAtomic } from "../files.js";
import { taskKey } from "./plan.js";

/** What must match for a sweep directory to be resumed (the grid and seeds may grow). */
export interface SweepIdentity {
  scenario: string;
  sets: string[];
  rounds: number | null;
  grid: string[];
}

/**
 * DIR/sweep.csv, appended one complete row at a time, and DIR/sweep.json, the sweep's identity.
 * Each row is written by one append of the whole line, so a killed sweep leaves at most one torn last line.
 * Opening an existing file keeps every well-formed row, drops a torn or malformed line and any repeated key
 * (rewriting the file atomically if it had to drop anything), and reports which runs are done.
 */
export class SweepStore {
  readonly path: string;
  readonly done = new Set<string>();
  /** Lines dropped when the file was opened (a torn last line, say). */
  dropped = 0;

  constructor(
    dir: string,
    private readonly columns: string[],
    identity: SweepIdentity,
  ) {
    this.path = join(dir, "sweep.csv");
    const specPath = join(dir, "sweep.json");
    if (existsSync(specPath)) {
      const previous = JSON.parse(readFileSync(specPath, "utf8")) as SweepIdentity;
      for (const field of ["scenario", "sets", "rounds", "grid"] as const) {
        if (JSON.stringify(previous[field]) !== JSON.stringify(identity[field])) {
          throw new UsageError(
            `--out ${dir}: holds a sweep with a different ${field} (${JSON.stringify(previous[field])}, now ${JSON.stringify(identity[field])}); use another --out`,
          );
        }
      }
    }
    writeAtomic(specPath, JSON.stringify(identity, null, 2) + "\n");
    if (!existsSync(this.path)) {
      writeAtomic(this.path, columns.join(",") + "\n");
      return;
    }
    const text = readFileSync(this.path, "utf8");
    const lines = text.split("\n");
    const torn = lines.pop() !== "";
    const header = lines.shift() ?? "";
    if (header !== columns.join(",")) {
      throw new UsageError(`${this.path}: has columns '${header}', this sweep writes '${columns.join(",")}'; use another --out`);
    }
    const keep: string[] = [];
    const keyWidth = columns.indexOf("seed") + 1;
    lines.forEach((line, j) => {
      let fields: string[];
      try {
        fields = splitCsvLine(line, this.path, j + 2);
      } catch {
        this.dropped++;
        return;
      }
      const key = taskKey(fields.slice(0, keyWidth - 1), fields[keyWidth - 1]);
      if (fields.length !== columns.length || this.done.has(key)) {
        this.dropped++;
        return;
      }
      this.done.add(key);
      keep.push(line + "\n");
    });
    if (torn) this.dropped++;
    if (this.dropped > 0) writeAtomic(this.path, header + "\n" + keep.join(""));
  }

  /** Every complete row in the file, by key (grid values + seed), each with its trailing newline. */
  rows(): Map<string, string> {
    const out = new Map<string, string>();
    const lines = readFileSync(this.path, "utf8").split("\n");
    lines.pop();
    lines.shift();
    const keyWidth = this.columns.indexOf("seed") + 1;
    lines.forEach((line, j) => {
      const fields = splitCsvLine(line, this.path, j + 2);
      out.set(taskKey(fields.slice(0, keyWidth - 1), fields[keyWidth - 1]), line + "\n");
    });
    return out;
  }

  has(values: string[], seed: number): boolean {
    return this.done.has(taskKey(values, seed));
  }

  /** Appends one complete row (a line ending in a newline) in a single write. */
  append(values: string[], seed: number, line: string): void {
    const key = taskKey(values, seed);
    if (this.done.has(key)) return;
    appendFileSync(this.path, line);
    this.done.add(key);
  }
}

/**
 * Merges the sweep.csv files of several shard directories into one: the header must agree; rows are kept once
 * per key (grid values + seed), in the order found.
 */
export function mergeSweeps(dirs: string[], out: string): { rows: number; duplicates: number } {
  let header: string | null = null;
  const seen = new Set<string>();
  const rows: string[] = [];
  let duplicates = 0;
  for (const dir of dirs) {
    const path = join(dir, "sweep.csv");
    if (!existsSync(path)) throw new UsageError(`--merge: ${path} does not exist`);
    const lines = readFileSync(path, "utf8").split("\n");
    lines.pop();
    const h = lines.shift() ?? "";
    if (header === null) header = h;
    else if (h !== header) throw new UsageError(`--merge: ${path} has columns '${h}', expected '${header}'`);
    const keyWidth = header.split(",").indexOf("seed") + 1;
    lines.forEach((line, j) => {
      const fields = splitCsvLine(line, path, j + 2);
      const key = taskKey(fields.slice(0, keyWidth - 1), fields[keyWidth - 1]);
      if (seen.has(key)) return void duplicates++;
      seen.add(key);
      rows.push(line + "\n");
    });
  }
  writeAtomic(join(out, "sweep.csv"), (header ?? "") + "\n" + rows.join(""));
  return { rows: rows.length, duplicates };
}

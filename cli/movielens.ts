import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ML_LATEST_SMALL, type MovieLensDataset, type MovieLensFormat, type MovieLensSources, type NamedSource, parseMovieLens } from "../lib/index.js";
import { UsageError } from "./args.js";
import { ROOT } from "./files.js";
import { io } from "./io-error.js";
import { readLines } from "./text-input.js";

/** A data problem the user can fix (missing files, wrong checksums): one line, exit code 2. */
export class DataError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

export const FETCH_HINT = "run `drift-lab data fetch movielens` (or pass --data DIR with ratings.csv and movies.csv)";

/** --data DIR, else ./data/ml-latest-small (from the working directory, then from the project root) if present. */
export function resolveDataDir(flag: string | undefined): string {
  if (flag !== undefined) {
    const dir = resolve(flag);
    if (!releaseFormat(dir)) throw new DataError(`--data ${flag}: no MovieLens ratings.csv or ratings.dat there; ${FETCH_HINT}`);
    return dir;
  }
  for (const dir of [resolve("data", ML_LATEST_SMALL.name), join(ROOT, "data", ML_LATEST_SMALL.name)]) if (releaseFormat(dir)) return dir;
  throw new DataError(`no MovieLens data in ./data/${ML_LATEST_SMALL.name}; ${FETCH_HINT}`);
}

/** csv for ml-latest(-small), ml-20m, ml-25m, ml-32m; dat for ml-1m and ml-10m; null when neither is there. */
export function releaseFormat(dir: string): MovieLensFormat | null {
  if (existsSync(join(dir, "ratings.csv"))) return "csv";
  if (existsSync(join(dir, "ratings.dat"))) return "dat";
  return null;
}

/** ml-1m's .dat files are Latin-1 (every byte is a character); the CSV releases are UTF-8, read strictly. */
function encodingOf(path: string): "utf8" | "latin1" {
  try {
    return path.endsWith(".dat") && !isUtf8(readFileSync(path)) ? "latin1" : "utf8";
  } catch {
    return "utf8"; // readLines names the problem
  }
}

/** A release file, streamed line by line: strict UTF-8 (or Latin-1 for ml-1m), and refused when its last line was cut short. */
function fileSource(path: string, checkEncoding = true): NamedSource {
  return { file: path, open: () => readLines(path, { encoding: checkEncoding ? encodingOf(path) : "utf8", complete: true }) };
}

/** Streams and validates a release directory; throws (CsvError naming file and line, or DataError) and returns nothing on any problem. */
export async function readMovieLens(dir: string): Promise<MovieLensDataset> {
  const format = releaseFormat(dir);
  if (!format) throw new DataError(`${dir}: no MovieLens ratings.csv or ratings.dat; ${FETCH_HINT}`);
  const path = (name: string) => join(dir, `${name}.${format}`);
  if (!existsSync(path("movies"))) throw new DataError(`${path("movies")}: missing (a release needs ratings and movies)`);
  const sources: MovieLensSources = { format, movies: fileSource(path("movies")), ratings: fileSource(path("ratings"), false) };
  if (existsSync(path("tags"))) sources.tags = fileSource(path("tags"));
  if (format === "dat" && existsSync(path("users"))) sources.users = fileSource(path("users"));
  return parseMovieLens(sources);
}

export function sha256(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Throws naming the file and both hashes when a file's SHA-256 is not the expected one. */
export function checkHash(file: string, content: Uint8Array, expected: string): void {
  const actual = sha256(content);
  if (actual !== expected) throw new DataError(`${file}: SHA-256 mismatch (expected ${expected}, got ${actual}); the file is damaged or not the official release`);
}

/** Checks every listed file in a directory against its expected SHA-256. */
export function verifyDirectory(dir: string, expected: Record<string, string> = ML_LATEST_SMALL.sha256): string[] {
  const checked: string[] = [];
  for (const [name, hash] of Object.entries(expected)) {
    const path = join(dir, name);
    if (!existsSync(path)) throw new DataError(`${path}: missing; ${FETCH_HINT}`);
    checkHash(path, io("read", path, () => readFileSync(path)), hash);
    checked.push(name);
  }
  return checked;
}

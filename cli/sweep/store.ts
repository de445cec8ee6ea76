import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { splitCsvLine } from "../../lib/index.js";
import { UsageError } from "../args.js";
import { makeDirectory } from "../directories.js";
import { ioError } from "../io-error.js";
import { DirectoryLock, LOCK_FILE } from "../lock.js";
import { checkReplaceable, occupants, writeAtomic } from "../output.js";
import { OUTPUT_FILES } from "../outputs.js";
import { type Session, startSession } from "../scheduler.js";
import { cleanStale } from "../temporary.js";
import { difference, readManifest, type SweepManifest } from "./identity.js";
import { taskKey } from "./plan.js";

export interface StoreOptions {
  /** Start over: replace what the directory holds (only the lab's outputs). */
  force: boolean;
  /** The command, for the lock ("drift-lab sweep"). */
  command: string;
  flag?: string;
}

/**
 * A sweep directory: DIR/sweep.csv, appended one complete row at a time, and DIR/sweep.json, its manifest
 * (identity.ts), under an exclusive lock (lock.ts) for as long as the store is open.
 *
 * Opening checks the directory: empty or new, it becomes this sweep's; holding a sweep of the same identity (and,
 * for a shard, the same plan and shard), it is resumed; a sweep of another identity is refused naming the first
 * difference, and anything else unless --force. Resuming keeps every well-formed row, drops a torn or malformed
 * line and any repeated key (rewriting the file atomically if it had to drop anything). Each row is one append of
 * the whole line, so a killed sweep leaves at most one torn last line; `finish` writes the manifest last, saying
 * how many rows are there and whether the plan is complete, with where and when each command that wrote it ran.
 */
export class SweepStore {
  readonly dir: string;
  readonly path: string;
  readonly done = new Set<string>();
  /** Lines dropped when the file was opened (a torn last line, say). */
  dropped = 0;
  private readonly lock: DirectoryLock;
  private manifest: SweepManifest;
  private readonly manifestPath: string;

  constructor(
    dir: string,
    private readonly columns: string[],
    manifest: SweepManifest,
    options: StoreOptions,
  ) {
    const flag = options.flag ?? "--out";
    this.dir = dir;
    makeDirectory(dir, flag);
    this.lock = DirectoryLock.acquire(dir, options.command, flag);
    try {
      cleanStale(dir);
      this.path = join(dir, "sweep.csv");
      this.manifestPath = join(dir, "sweep.json");
      const entries = (occupants(dir, flag) ?? []).filter((e) => e !== LOCK_FILE);
      const own = entries.includes("sweep.json") && entries.every((e) => OUTPUT_FILES.sweep.includes(e));
      let sessions: Session[] = [];
      if (entries.length > 0 && (options.force || !own)) {
        checkReplaceable(dir, entries, { ...options, force: options.force });
        for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
      } else if (own) {
        const previous = readManifest(this.manifestPath);
        checkResumable(previous, manifest, dir, flag);
        sessions = previous.sessions ?? [];
      }
      this.manifest = { ...manifest, sessions: [...sessions, startSession()] };
      this.open();
    } catch (e) {
      this.lock.release();
      throw e;
    }
  }

  private open(): void {
    const columns = this.columns;
    if (!existsSync(this.path)) {
      writeAtomic(this.path, columns.join(",") + "\n");
      this.writeManifest();
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
    this.writeManifest();
  }

  private writeManifest(): void {
    writeAtomic(this.manifestPath, JSON.stringify({ ...this.manifest, rows: this.done.size }, null, 2) + "\n");
  }

  /** Every complete row in the file, by key (grid values + seed), each with its trailing newline. */
  rows(): Map<string, string> {
    return readRows(this.path, this.columns.join(","));
  }

  has(values: string[], seed: number): boolean {
    return this.done.has(taskKey(values, seed));
  }

  /** Appends one complete row (a line ending in a newline) in a single write. */
  append(values: string[], seed: number, line: string): void {
    const key = taskKey(values, seed);
    if (this.done.has(key)) return;
    try {
      appendFileSync(this.path, line);
    } catch (e) {
      throw ioError(e, "append to", this.path);
    }
    this.done.add(key);
  }

  /**
   * Writes sweep.json last: the rows present, and `complete` when every one of `planned` (the keys this directory
   * is to hold) is among them. Returns the manifest written.
   */
  finish(planned: string[]): SweepManifest {
    const sessions = this.manifest.sessions ?? [];
    const ended = sessions.map((s, j) => (j === sessions.length - 1 ? { ...s, end: new Date().toISOString() } : s));
    this.manifest = { ...this.manifest, complete: planned.every((k) => this.done.has(k)), sessions: ended };
    this.writeManifest();
    return { ...this.manifest, rows: this.done.size };
  }

  /** Releases the lock. Idempotent. */
  close(): void {
    this.lock.release();
  }
}

/** Refuses to resume a sweep whose rows mean something else, naming the first difference. */
function checkResumable(previous: SweepManifest, next: SweepManifest, dir: string, flag: string): void {
  const hint = `use another ${flag}, or --force to start over`;
  if (previous.identity !== next.identity) {
    const what = difference(previous, next) ?? "the resolved scenario";
    throw new UsageError(`${flag} ${dir}: holds a sweep of another scenario or grid (${what}); ${hint}`);
  }
  const shard = (s: SweepManifest["shard"]) => (s ? `shard ${s.index}/${s.count}` : "no shard");
  if (JSON.stringify(previous.shard) !== JSON.stringify(next.shard)) {
    throw new UsageError(`${flag} ${dir}: holds ${shard(previous.shard)} of this sweep, this command runs ${shard(next.shard)}; ${hint}`);
  }
  if (next.shard && previous.plan !== next.plan) {
    throw new UsageError(`${flag} ${dir}: holds shard ${next.shard.index}/${next.shard.count} of a sweep with other grid values or seeds (a shard's plan is fixed); ${hint}`);
  }
}

/** The complete rows of a sweep.csv by key, each with its trailing newline; a torn last line is left out. */
export function readRows(path: string, header: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = readFileSync(path, "utf8").split("\n");
  lines.pop();
  const found = lines.shift() ?? "";
  if (found !== header) throw new UsageError(`${path}: has columns '${found}', expected '${header}'`);
  const keyWidth = header.split(",").indexOf("seed") + 1;
  lines.forEach((line, j) => {
    const fields = splitCsvLine(line, path, j + 2);
    out.set(taskKey(fields.slice(0, keyWidth - 1), fields[keyWidth - 1]), line + "\n");
  });
  return out;
}

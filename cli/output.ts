import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { UsageError } from "./args.js";
import { onExit } from "./cleanup.js";
import { makeDirectory } from "./directories.js";
import { ioError } from "./io-error.js";
import { isLabOutput } from "./outputs.js";
import { cleanStale, parseTemporary, temporaryName } from "./temporary.js";

/**
 * How outputs reach their place. A command that writes a set of files (a run, a replay, a merged sweep, a fetched
 * data set) writes them into a fresh directory beside --out and renames it into place as a whole, so --out is at
 * every moment either what was there before or the complete new set, never a mix (a kill between the two renames
 * of a replacement leaves no --out; the next command puts the old one back). A non-empty --out is refused unless
 * --force, and --force replaces only a directory that holds nothing but the lab's outputs (outputs.ts).
 */

export interface OutputOptions {
  /** Replace what is there (only the lab's own outputs). */
  force: boolean;
  /** The flag that named the path, for messages. */
  flag?: string;
}

/** Writes `content` to a file that must not exist (`wx`; `w` to fill one this process created). */
export function writeNewFile(path: string, content: string | Uint8Array, flag: "wx" | "w" = "wx"): void {
  writeFileSync(path, content, { flag });
}

/**
 * Replaces one file through a temporary file beside it and a rename, so the file is either the old or the whole
 * new content. A failure is one line naming the path, and removes the temporary file.
 */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, temporaryName(basename(path)));
  try {
    if (!existsSync(dir)) makeDirectory(dir, "output");
    writeNewFile(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw ioError(e, "write", path);
  }
}

/** The entries of an existing directory other than the lab's temporary ones; null when `path` does not exist. */
export function occupants(path: string, flag: string): string[] | null {
  let entries: string[];
  try {
    if (!statSync(path).isDirectory()) throw new UsageError(`${flag}: '${path}' is a file, not a directory`);
    entries = readdirSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw ioError(e, "read", path);
  }
  return entries.filter((entry) => !parseTemporary(entry)).sort();
}

/** Refuses a non-empty directory unless --force, and a directory with anything but the lab's outputs even then. */
export function checkReplaceable(path: string, entries: string[], options: OutputOptions): void {
  const flag = options.flag ?? "--out";
  if (entries.length === 0) return;
  const foreign = entries.find((e) => !isLabOutput(e));
  if (foreign !== undefined) {
    throw new UsageError(`${flag} ${path}: holds '${foreign}', which drift-lab did not write; choose another ${flag} (--force replaces only the lab's own outputs)`);
  }
  if (!options.force) throw new UsageError(`${flag} ${path}: already holds ${list(entries)}; choose another ${flag}, or add --force to replace them`);
}

function list(entries: string[]): string {
  return entries.length <= 4 ? entries.join(", ") : `${entries.slice(0, 4).join(", ")} and ${entries.length - 4} more`;
}

/** Refuses an output directory that is the working directory or holds it: renaming it would strand the shell. */
function refuseWorkingDirectory(target: string, path: string, flag: string): void {
  const rel = relative(target, process.cwd());
  if (rel === ".." || rel.startsWith(".." + sep) || isAbsolute(rel)) return;
  throw new UsageError(`${flag} ${path}: is the working directory or holds it; name a directory for the outputs`);
}

/**
 * A directory of outputs being written: files go into `dir`, a fresh directory beside the target, and `commit`
 * renames it into place. Until then the target is untouched; `discard` (or the process's exit) removes `dir`.
 */
export class StagedDirectory {
  readonly target: string;
  readonly dir: string;
  private done = false;
  private readonly forget: () => void;

  private constructor(
    readonly path: string,
    private readonly options: OutputOptions,
  ) {
    const flag = options.flag ?? "--out";
    this.target = resolve(path);
    refuseWorkingDirectory(this.target, path, flag);
    const parent = makeDirectory(dirname(this.target), flag, path);
    const name = basename(this.target);
    cleanStale(parent, (t) => t.name === name);
    const entries = occupants(this.target, flag);
    if (entries) checkReplaceable(path, entries, options);
    this.dir = join(parent, temporaryName(name));
    try {
      mkdirSync(this.dir);
    } catch (e) {
      const error = ioError(e, "create a directory beside", path);
      throw error instanceof UsageError ? new UsageError(`${flag}: ${error.message}`) : error;
    }
    this.forget = onExit(() => this.discard());
  }

  static open(path: string, options: OutputOptions): StagedDirectory {
    return new StagedDirectory(path, options);
  }

  /** Writes one file of the set (`name` inside the directory). */
  write(name: string, content: string | Uint8Array): void {
    try {
      writeNewFile(join(this.dir, name), content);
    } catch (e) {
      throw ioError(e, "write", join(this.path, name));
    }
  }

  /**
   * Puts the set in place: an existing target (empty, or replaced with --force) is moved aside, the new directory
   * renamed in, the old one removed. Refused, leaving the target as it is, when another process filled the target
   * meanwhile and --force was not given.
   */
  commit(): void {
    const flag = this.options.flag ?? "--out";
    const entries = occupants(this.target, flag);
    if (entries) checkReplaceable(this.path, entries, this.options);
    const aside = join(dirname(this.target), temporaryName(basename(this.target), "old"));
    try {
      if (entries) renameSync(this.target, aside);
      try {
        renameSync(this.dir, this.target);
      } catch (e) {
        if (entries) renameSync(aside, this.target);
        throw e;
      }
      this.done = true;
      this.forget();
      rmSync(aside, { recursive: true, force: true });
    } catch (e) {
      throw ioError(e, "replace", this.path);
    }
  }

  /** Removes the staging directory unless committed. Idempotent. */
  discard(): void {
    if (this.done) return;
    this.done = true;
    this.forget();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Output files written side by side (embed's FILE.f32 and its FILE.f32.json header): each is written beside its
 * target, and `commit` renames them in order, the last one (the header) last; a --force replacement removes the old
 * header first. A kill midway leaves at worst a data file without its header, never a header describing other data.
 */
export class StagedFiles {
  private readonly temporaries: string[];
  private done = false;
  private readonly forget: () => void;

  constructor(
    readonly paths: string[],
    private readonly options: OutputOptions,
  ) {
    const flag = options.flag ?? "--out";
    for (const path of paths) {
      makeDirectory(dirname(resolve(path)), flag, path);
      cleanStale(dirname(resolve(path)), (t) => t.name === basename(path));
      let existing;
      try {
        existing = statSync(path);
      } catch {
        continue;
      }
      if (existing.isDirectory()) throw new UsageError(`${flag}: '${path}' is a directory`);
      if (!options.force) throw new UsageError(`${flag}: '${path}' exists; choose another ${flag}, or add --force to replace it`);
    }
    this.temporaries = paths.map((p) => join(dirname(p), temporaryName(basename(p))));
    this.forget = onExit(() => this.discard());
    // created now, empty, so that a path that cannot be written fails before any work
    this.temporaries.forEach((tmp, j) => {
      try {
        closeSync(openSync(tmp, "wx"));
      } catch (e) {
        this.discard();
        throw ioError(e, "write", paths[j]);
      }
    });
  }

  write(path: string, content: string | Uint8Array): void {
    const j = this.paths.indexOf(path);
    try {
      writeNewFile(this.temporaries[j], content, "w");
    } catch (e) {
      throw ioError(e, "write", path);
    }
  }

  commit(): void {
    let at = this.paths[0];
    try {
      for (const path of [...this.paths].reverse().slice(0, -1)) {
        at = path;
        rmSync(path, { force: true });
      }
      this.paths.forEach((path, j) => {
        at = path;
        renameSync(this.temporaries[j], path);
      });
      this.done = true;
      this.forget();
    } catch (e) {
      throw ioError(e, "write", at);
    }
  }

  discard(): void {
    if (this.done) return;
    this.done = true;
    this.forget();
    for (const tmp of this.temporaries) rmSync(tmp, { force: true });
  }
}

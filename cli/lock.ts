import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { UsageError } from "./args.js";
import { onExit } from "./cleanup.js";
import { ioError } from "./io-error.js";
import { isStale, temporaryName } from "./temporary.js";

/** The lock file of an output directory that a command appends to (a sweep's): its holder, as JSON. */
export const LOCK_FILE = ".drift-lab.lock";

interface Holder {
  command: string;
  pid: number;
  host: string;
  started: string;
}


/**
 * An exclusive lock on an output directory: DIR/.drift-lab.lock, created whole (written beside it, then hard-linked
 * into place, which fails when it exists) and removed when the command ends, however it ends short of SIGKILL.
 * A second writer is refused at once, naming the holder. A lock left by a killed process on this host is taken
 * over; one from another host (a shared file system) is refused, since its process cannot be checked from here.
 */
export class DirectoryLock {
  private readonly forget: () => void;

  private constructor(
    readonly path: string,
    private readonly token: string,
  ) {
    this.forget = onExit(() => this.release());
  }

  static acquire(dir: string, command: string, flag = "--out"): DirectoryLock {
    const path = join(dir, LOCK_FILE);
    const holder: Holder = { command, pid: process.pid, host: hostname(), started: new Date().toISOString() };
    const token = JSON.stringify(holder, null, 2) + "\n";
    for (let attempt = 0; attempt < 3; attempt++) {
      if (create(path, token)) return new DirectoryLock(path, token);
      const text = readOrNull(path);
      if (text === null) continue;
      const other = parseHolder(text);
      if (other && isStale({ name: LOCK_FILE, kind: "tmp", pid: other.pid, host: other.host })) {
        breakStale(path, text);
        continue;
      }
      throw new UsageError(
        `${flag} ${dir}: in use by ${other ? `${other.command} (pid ${other.pid} on ${other.host}, since ${other.started})` : "another drift-lab"}; wait for it to finish, or remove ${path} if that process is gone`,
      );
    }
    throw new UsageError(`${flag} ${dir}: cannot take ${path}: other processes keep taking and releasing it`);
  }

  /** Removes the lock file if it is still this holder's. Idempotent. */
  release(): void {
    this.forget();
    if (readOrNull(this.path) === this.token) rmSync(this.path, { force: true });
  }
}

/** Creates the lock file with its content in one step; false when it exists. */
function create(path: string, token: string): boolean {
  const tmp = join(path, "..", temporaryName(LOCK_FILE));
  try {
    writeFileSync(tmp, token);
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw ioError(e, "create the lock", path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Moves a dead holder's lock aside and removes it, unless someone else took the lock in between (then it goes back). */
function breakStale(path: string, seen: string): void {
  const aside = join(path, "..", temporaryName(LOCK_FILE));
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  if (readOrNull(aside) !== seen) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process holds it now; the one moved aside is lost to its holder, who finds it gone at release
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already gone
  }
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function parseHolder(text: string): Holder | null {
  try {
    const h = JSON.parse(text) as Holder;
    return typeof h.pid === "number" && typeof h.host === "string" ? h : null;
  } catch {
    return null;
  }
}

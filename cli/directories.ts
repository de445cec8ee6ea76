import { existsSync, mkdirSync, statfsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./args.js";
import { ioError } from "./io-error.js";

/** Pseudo file systems (statfs magic numbers): they hold no files of ours, and Node's recursive mkdir spins forever in /proc. */
const PSEUDO: Record<number, string> = {
  0x9fa0: "proc",
  0x62656572: "sysfs",
  0x27e0eb: "cgroup",
  0x63677270: "cgroup2",
  0x64626720: "debugfs",
  0x74726163: "tracefs",
  0x73636673: "securityfs",
  0x6165676c: "pstore",
  0xcafe4a11: "bpf",
  0x62656570: "configfs",
  0x42494e4d: "binfmt_misc",
  0xde5e81e4: "efivarfs",
  0x1cd1: "devpts",
};

/**
 * The nearest existing directory at or above `path` (absolute), refused when it is a file or a pseudo file system;
 * messages name `shown` (what the user wrote).
 */
export function existingAncestor(path: string, flag: string, shown = path): string {
  let at = resolve(path);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  let stat;
  try {
    stat = statSync(at);
  } catch (e) {
    throw ioError(e, "use", at);
  }
  if (!stat.isDirectory()) {
    throw new UsageError(at === resolve(shown) ? `${flag}: '${shown}' is a file, not a directory` : `${flag}: cannot use '${shown}': '${at}' is a file, not a directory`);
  }
  let type: number | null = null;
  try {
    type = statfsSync(at).type;
  } catch {
    // statfs is not available everywhere; the mkdir below still fails in one line
  }
  if (type !== null && PSEUDO[type]) throw new UsageError(`${flag}: cannot use '${shown}': '${at}' is on ${PSEUDO[type]}, a pseudo file system that holds no files`);
  return at;
}

/**
 * Makes `path` and its missing parents, one level at a time, and returns it absolute. Refused in one line: a path
 * through a file, a pseudo file system (/proc, /sys), a directory that cannot be written.
 */
export function makeDirectory(path: string, flag: string, shown = path): string {
  const target = resolve(path);
  const base = existingAncestor(target, flag, shown);
  const missing: string[] = [];
  for (let at = target; at !== base; at = dirname(at)) missing.unshift(at);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST" && statSync(dir).isDirectory()) continue;
      throw usageAbout(flag, shown, e);
    }
  }
  return target;
}

function usageAbout(flag: string, path: string, e: unknown): unknown {
  const error = ioError(e, "create", path);
  return error instanceof UsageError ? new UsageError(`${flag}: ${error.message}`) : error;
}

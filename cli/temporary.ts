import { readdirSync, renameSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { keepPartialTranscript } from "./partial-transcript.js";

/**
 * Names of the lab's temporary files and directories, and their cleaning. A temporary entry sits beside what it
 * becomes (`.rounds.csv.drift-lab-tmp-PID-N@HOST`), so a rename puts it in place; an output directory moved aside
 * while its replacement is renamed in is `.NAME.drift-lab-old-PID-N@HOST`. A process killed mid-write leaves them;
 * the next command that writes there removes those whose process is gone (on this host: another host's process
 * cannot be checked, so its entries stay) and puts a directory moved aside back when nothing replaced it.
 */

export type TemporaryKind = "tmp" | "old";

export interface Temporary {
  /** What the entry becomes (or was): a file or directory name in the same directory. */
  name: string;
  kind: TemporaryKind;
  pid: number;
  host: string;
}

const HOST = hostname();
let counter = 0;

export function temporaryName(name: string, kind: TemporaryKind = "tmp"): string {
  return `.${name}.drift-lab-${kind}-${process.pid}-${counter++}@${HOST}`;
}

/** Reads a temporary entry's name; also the forms earlier versions wrote (`.NAME.PID.N.tmp`, `.NAME.PID.tmp`), taken as this host's. */
export function parseTemporary(entry: string): Temporary | null {
  const now = /^\.(.+)\.drift-lab-(tmp|old)-(\d+)-\d+@(.+)$/.exec(entry);
  if (now) return { name: now[1], kind: now[2] as TemporaryKind, pid: Number(now[3]), host: now[4] };
  const earlier = /^\.(.+)\.(\d+)\.\d+\.tmp$/.exec(entry) ?? /^\.(.+)\.(\d+)\.tmp$/.exec(entry);
  if (earlier) return { name: earlier[1], kind: "tmp", pid: Number(earlier[2]), host: HOST };
  return null;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Left by a process that is gone: on this host, with a process id that no longer runs. */
export function isStale(t: Temporary): boolean {
  return t.host === HOST && t.pid !== process.pid && !processAlive(t.pid);
}

/**
 * Removes the stale temporary entries in `dir` (those `which` picks, default all), and puts back an output
 * directory moved aside by a replacement that was killed before it finished, when nothing took its place. A killed
 * llm run's calls in a staging directory are kept beside its target first (partial-transcript.ts).
 * Best effort: an entry that cannot be removed stays.
 */
export function cleanStale(dir: string, which: (t: Temporary) => boolean = () => true): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  const present = new Set(entries);
  for (const entry of entries) {
    const t = parseTemporary(entry);
    if (!t || !which(t) || !isStale(t)) continue;
    try {
      if (t.kind === "old" && !present.has(t.name)) {
        renameSync(join(dir, entry), join(dir, t.name));
        present.add(t.name);
      } else {
        const kept = t.kind === "tmp" ? keepPartialTranscript(join(dir, entry), join(dir, t.name)) : null;
        if (kept) process.stderr.write(`drift-lab: the calls of an llm run that was killed are kept in ${kept}\n`);
        rmSync(join(dir, entry), { recursive: true, force: true });
      }
    } catch {
      // another process may be cleaning the same entry
    }
  }
}

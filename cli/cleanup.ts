/**
 * What a command must undo if it ends early (a staging directory to remove, a lock to release), run when the
 * process exits. Commands undo it themselves on the way out (try/finally); this catches a `process.exit`. A killed
 * process runs nothing (and Ctrl-C must stop a long synchronous run at once, so no signal handler waits for it):
 * what it leaves is stale, and the next command that writes there removes it (temporary.ts, lock.ts).
 */
const tasks = new Set<() => void>();
let hooked = false;

/** Registers `task`; returns the function that unregisters it (call it once the work is done or undone). */
export function onExit(task: () => void): () => void {
  if (!hooked) {
    hooked = true;
    process.on("exit", () => {
      for (const t of [...tasks]) {
        try {
          t();
        } catch {
          // best effort: the next command cleans what is left
        }
      }
    });
  }
  tasks.add(task);
  return () => void tasks.delete(task);
}

/**
 * Fault injection from outside the code under test, preloaded with `node --require`: counts the file-system calls
 * the command's main thread makes on paths under $DRIFT_LAB_FAULT_UNDER (creating, writing, appending, renaming,
 * linking, removing) and, at the N-th, acts as $DRIFT_LAB_FAULT says:
 *
 *   kill@N     SIGKILL (no cleanup runs); a write or append is left half done, as a kill in the middle of it would
 *   ENOSPC@N   that call fails with ENOSPC, as on a full disk, after writing half its data (only calls that take
 *              space count: writing, appending, creating a directory, renaming, linking)
 *
 * Only the command's own calls count, not those Node makes inside one (rmSync's unlinks). A command that makes
 * fewer than N such calls is not touched, so N = 1, 2, ... enumerates every step of its write phase. Nothing in
 * the lab knows about this file.
 */
const fs = require("node:fs");
const { resolve } = require("node:path");
const { syncBuiltinESMExports } = require("node:module");
const { isMainThread } = require("node:worker_threads");

const spec = /^(kill|E[A-Z]+)@(\d+)$/.exec(process.env.DRIFT_LAB_FAULT ?? "");
const under = process.env.DRIFT_LAB_FAULT_UNDER;

if (spec && under && isMainThread) {
  const [, action, at] = spec;
  let count = 0;
  const inside = (p) => (typeof p === "string" || p instanceof URL || Buffer.isBuffer(p)) && resolve(String(p instanceof URL ? p.pathname : p)).startsWith(resolve(under));
  const strike = (path, half) => {
    if (half) half();
    if (action === "kill") process.kill(process.pid, "SIGKILL");
    const error = new Error(`${action}: injected failure, '${path}'`);
    error.code = action;
    error.path = String(path);
    throw error;
  };
  const halfOf = (data) => (typeof data === "string" ? data.slice(0, data.length >> 1) : data.subarray(0, data.length >> 1));
  let depth = 0;
  const wrap = (name, partial) => {
    const original = fs[name];
    fs[name] = function (path, data, ...rest) {
      if (depth === 0 && inside(path) && ++count === Number(at)) strike(path, partial && (() => original.call(this, path, halfOf(data), ...rest)));
      depth++;
      try {
        return original.call(this, path, data, ...rest);
      } finally {
        depth--;
      }
    };
  };
  wrap("writeFileSync", true);
  wrap("appendFileSync", true);
  for (const name of ["mkdirSync", "renameSync", "linkSync"]) wrap(name, false);
  if (action === "kill") for (const name of ["rmSync", "rmdirSync", "unlinkSync"]) wrap(name, false);
  syncBuiltinESMExports();
}

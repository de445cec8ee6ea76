/**
 * What every figure's "made by" line and the index's "cite this" block say about the build: the lab's version, the
 * commit (with "-dirty" when the work tree had changes), and the build date (UTC). scripts/build-info.ts removes
 * this loader's cached output before every build and preview, so the date and commit are this build's.
 */
import { execFileSync } from "node:child_process";
import { ROOT } from "../../cli/files.js";
import { LAB_VERSION } from "../../lib/index.js";
import { loader } from "./lab.js";

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

loader(() => {
  const commit = git(["rev-parse", "--short=12", "HEAD"]);
  const dirty = commit !== null && git(["status", "--porcelain", "--untracked-files=no"]) !== "";
  return JSON.stringify({
    version: LAB_VERSION,
    commit: commit ? `${commit}${dirty ? "-dirty" : ""}` : "unknown",
    date: new Date().toISOString().slice(0, 10),
  });
});

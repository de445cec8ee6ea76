/**
 * Run before `observable build` and `observable preview` (the prebuild and predev scripts): removes the cached
 * output of src/data/build.json.ts, so that the version, commit and date under every figure are this build's.
 * Framework re-runs a loader only when the loader file is newer than its cached output, which a new commit is not.
 */
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
rmSync(join(root, "src", ".observablehq", "cache", "data", "build.json"), { force: true });

/**
 * Run after `observable build` (the postbuild script): fixes one CommonJS interop problem in the built site.
 *
 * tfjs-core imports seedrandom as a namespace (`import * as seedrandom from "seedrandom"`) and calls
 * `seedrandom.alea(...)` for its seeded random ops and initialisers. Observable Framework bundles each package on
 * its own, and its bundle of seedrandom (CommonJS) has only a default export, so in the browser `seedrandom.alea`
 * is undefined and any TensorFlow.js random op fails ("alea is not a function"). The lab's own models draw their
 * initial weights from the injected streams (lib/tensor/normal.ts) and call no TF.js random op; this keeps such
 * ops working for page code that does.
 * This rewrites that namespace import into a default import, whose value is seedrandom itself (with .alea),
 * in dist/ and in Framework's cache (which `observable preview` serves).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const NAMESPACE_IMPORT = /import\s*\*\s*as\s*([A-Za-z_$][\w$]*)\s*from\s*(["'])([^"']*\/seedrandom@[^/"']+\/index[^"']*\.js)\2/g;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : []));
}

let patched = 0;
for (const dir of [join(root, "dist", "_node"), join(root, "src", ".observablehq", "cache", "_node")]) {
  for (const file of files(dir)) {
    const text = readFileSync(file, "utf8");
    const fixed = text.replace(NAMESPACE_IMPORT, "import $1 from$2$3$2");
    if (fixed !== text) {
      writeFileSync(file, fixed);
      patched++;
      process.stderr.write(`patch-dist: seedrandom default import in ${file.slice(root.length + 1)}\n`);
    }
  }
}
process.stderr.write(`patch-dist: ${patched} file(s) patched\n`);

/**
 * `npm run bench [-- word ...]`: runs every bench/*.bench.ts module in file-name order.
 *
 * A module exports either `run()` or `cases: { name, run }[]` (or both: `run` first, then the cases).
 * With words on the command line, only the modules whose file name, and the cases whose name, contains one
 * of the words are run (`npm run bench -- small` runs the `small` case of the throughput section).
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setupBackend } from "../cli/backend.js";

export interface BenchCase {
  name: string;
  run(): unknown;
}

export interface BenchModule {
  run?(): unknown;
  cases?: BenchCase[];
}

await setupBackend();
const here = dirname(fileURLToPath(import.meta.url));
const words = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const matches = (name: string) => words.length === 0 || words.some((w) => name.includes(w));

const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
let ran = 0;
for (const file of files) {
  const section = file.slice(0, -".bench.ts".length);
  const module = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  const wholeSection = matches(section);
  const cases = (module.cases ?? []).filter((c) => wholeSection || matches(c.name));
  if (!wholeSection && cases.length === 0) continue;
  console.log(`\n## ${section}`);
  if (module.run && wholeSection) {
    await module.run();
    ran++;
  }
  for (const c of cases) {
    await c.run();
    ran++;
  }
}
if (ran === 0) {
  console.error(`bench: nothing matches ${words.join(" ")} (sections: ${files.map((f) => f.slice(0, -9)).join(", ")})`);
  process.exitCode = 2;
}

/**
 * The sweep the notebook template (src/notebook.md) reads when the site has no sweep.csv of the researcher's own
 * there: `drift-lab sweep` on `baseline` at the site size, two policies × two values of α × SITE_SEEDS seeds, its
 * sweep.csv as the command wrote it. A file src/data/notebook/sweep.csv, if present, is served instead.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loader, SITE_SEEDS, sweep } from "../lab.js";

loader(async () => {
  let text = "";
  await sweep("baseline", { kind: ["ema", "momentum"], alpha: [0.1, 0.8] }, SITE_SEEDS, [], (dir) => (text = readFileSync(join(dir, "sweep.csv"), "utf8")));
  return text;
});

/**
 * The real-data page's numbers: the summary of a whole `drift-lab replay` of MovieLens ml-latest-small with its
 * default settings, committed as data/real-data-summary.json (aggregates only, made by
 * `npx tsx scripts/real-data-summary.ts` where the data is; see cli/real-data-summary.ts). The site build never
 * needs the data nor the minutes of a replay; without the summary the page shows how to make one.
 */
import { readRealDataSummary } from "../../cli/real-data-summary.js";
import { loader, log } from "./lab.js";

loader(() => {
  const summary = readRealDataSummary();
  if (!summary) {
    log("real-data: no data/real-data-summary.json; the page shows how to make it");
    return JSON.stringify({ available: false });
  }
  return JSON.stringify(summary);
});

/** Every registered policy on three scenarios over three seeds at the site size (`drift-lab sweep`): a row per run. */
import { POLICY_KINDS } from "../../lib/index.js";
import { csv, loader, sweep } from "./lab.js";

const SCENARIOS = ["abrupt-shift", "trending", "cold-start"];
const SEEDS = 3;
const COLUMNS = ["ctr", "ctr_after_shift", "ndcg", "regret", "ild", "coverage", "volatility", "oscillation", "recovery", "tracking_error"];

loader(async () => {
  const rows = [];
  for (const scenario of SCENARIOS) {
    for (const r of await sweep(scenario, { kind: POLICY_KINDS }, SEEDS)) {
      rows.push({ scenario, policy: r.kind, seed: r.seed, ...Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null])) });
    }
  }
  return csv(rows);
});

/**
 * Every registered policy on three scenarios at the site size (`drift-lab sweep`): a row per run. abrupt-shift runs
 * on the validation and the test seeds of the index headline (column `split`); the other scenarios on SITE_SEEDS.
 */
import { POLICY_KINDS } from "../../lib/index.js";
import { csv, HEADLINE_SEEDS, loader, SITE_SEEDS, sweep } from "./lab.js";

const HEADLINE_SCENARIO = "abrupt-shift";
const SCENARIOS = [HEADLINE_SCENARIO, "trending", "cold-start"];
const COLUMNS = ["ctr", "ctr_after_shift", "ndcg", "regret", "ild", "coverage", "volatility", "oscillation", "recovery", "recovered", "recovery_window", "tracking_error"];

loader(async () => {
  const rows = [];
  for (const scenario of SCENARIOS) {
    const headline = scenario === HEADLINE_SCENARIO;
    const seeds = headline ? HEADLINE_SEEDS.validation.length + HEADLINE_SEEDS.test.length : SITE_SEEDS;
    for (const r of await sweep(scenario, { kind: POLICY_KINDS }, seeds)) {
      const seed = Number(r.seed);
      const split = !headline ? "" : HEADLINE_SEEDS.validation.includes(seed) ? "validation" : HEADLINE_SEEDS.test.includes(seed) ? "test" : "";
      rows.push({ scenario, policy: r.kind, seed, split, ...Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null])) });
    }
  }
  return csv(rows);
});

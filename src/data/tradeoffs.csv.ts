/**
 * Diversity against accuracy: the MMR knob λ_div × every registered policy on `baseline` (`drift-lab sweep`).
 * oracle-weights is left out: it is an upper bound that sees the truth, not a setting to choose, and the slowest;
 * so is llm, which needs a model (the policies page shows it).
 */
import { MODEL_POLICIES, POLICY_KINDS } from "../../lib/index.js";
import { csv, loader, SITE_SEEDS, sweep } from "./lab.js";

const SCENARIO = "baseline";
const DIVERSITY = [0, 0.3, 0.6, 0.9];
const SEEDS = SITE_SEEDS;

loader(async () => {
  const policies = POLICY_KINDS.filter((p) => p !== "oracle-weights" && !MODEL_POLICIES.includes(p));
  const rows = await sweep(SCENARIO, { kind: policies, diversity: DIVERSITY }, SEEDS);
  return csv(
    rows.map((r) => ({ policy: r.kind, diversity: r.diversity, seed: r.seed, ndcg: r.ndcg, ctr: r.ctr, ild: r.ild, coverage: r.coverage, novelty: r.novelty })),
  );
});

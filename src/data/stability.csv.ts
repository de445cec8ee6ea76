/**
 * The α × β sweep of the stability page: every update rule on `abrupt-shift` at the site size, SITE_SEEDS seeds,
 * through `drift-lab sweep`. Rules that ignore β (ema, seed-history) run once per α; their row is repeated for each
 * β. Recovery stays censored: `recovered` false and `recovery` empty for a run whose CTR never came back.
 */
import { POLICY_KINDS, ruleOf, RULES, type RuleKind } from "../../lib/index.js";
import { csv, loader, SITE_SEEDS, sweep, type SweepRow } from "./lab.js";

const SCENARIO = "abrupt-shift";
const ALPHAS = [0.05, 0.2, 0.5, 1, 2, 3];
const BETAS = [0, 0.5, 0.9];
const SEEDS = SITE_SEEDS;
const usesBeta = (kind: unknown) => (RULES as readonly unknown[]).includes(kind) && ruleOf(kind as RuleKind).readsBeta;

function row(r: SweepRow, beta: number) {
  const diverged = typeof r.weights === "string" && r.weights.startsWith("diverged");
  return {
    rule: r.kind,
    alpha: r.alpha,
    beta,
    seed: r.seed,
    uses_beta: usesBeta(r.kind) ? 1 : 0,
    diverged: diverged ? 1 : 0,
    ctr: r.ctr,
    ctr_after_shift: r.ctr_after_shift,
    ndcg: r.ndcg,
    volatility: r.volatility,
    oscillation: r.oscillation,
    recovery: r.recovery,
    recovered: r.recovered,
    recovery_window: r.recovery_window,
  };
}

loader(async () => {
  const rules = RULES.filter((r) => POLICY_KINDS.includes(r));
  const withBeta = rules.filter(usesBeta);
  const withoutBeta = rules.filter((r) => !usesBeta(r));
  const rows = [];
  if (withBeta.length) {
    for (const r of await sweep(SCENARIO, { kind: withBeta, alpha: ALPHAS, beta: BETAS }, SEEDS)) rows.push(row(r, Number(r.beta)));
  }
  if (withoutBeta.length) {
    for (const r of await sweep(SCENARIO, { kind: withoutBeta, alpha: ALPHAS }, SEEDS)) for (const beta of BETAS) rows.push(row(r, beta));
  }
  return csv(rows);
});

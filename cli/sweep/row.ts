import type { Cell } from "../../lib/io/csv.js";
import type { RunSummary } from "../../lib/simulation/summary.js";

/**
 * Metric columns of sweep.csv, one row per run. Accuracy and diversity metrics are means over all rounds;
 * `*_second_half` over the second half; volatility (Σ|Δπ|), oscillation (sign changes of Δπ) and collapse
 * (rounds with one weight above 0.95) are totals over the run; recovery (rounds until CTR is back to 90 % of its
 * pre-shift level), ctr_after_shift (mean CTR from the first scheduled shift on) and adaptation (rounds until the
 * weights made 90 % of their move after the shift; empty when they barely move) are empty without a shift;
 * tracking_error is the profile weights' mean 1 − cosine to the true interest; weights the final blend weights.
 */
export const SWEEP_METRICS = [
  "ctr",
  "conversion",
  "precision",
  "recall",
  "ndcg",
  "hit_rate",
  "map",
  "regret",
  "ild",
  "coverage",
  "gini",
  "novelty",
  "ctr_second_half",
  "ndcg_second_half",
  "volatility",
  "oscillation",
  "collapse",
  "recovery",
  "ctr_after_shift",
  "adaptation",
  "tracking_error",
  "weights",
] as const;

export function sweepMetrics(s: RunSummary): Cell[] {
  const m = s.means;
  const st = s.stability;
  return [
    m.ctr,
    m.conversion,
    m.precision,
    m.recall,
    m.ndcg,
    m.hit_rate,
    m.map,
    m.regret,
    m.ild,
    m.coverage,
    m.gini,
    m.novelty,
    s.secondHalf.ctr,
    s.secondHalf.ndcg,
    st.volatility,
    st.oscillation,
    st.collapse,
    st.recovery,
    st.ctrAfterShift,
    st.adaptation,
    st.trackingError,
    Object.entries(s.finalWeights)
      .map(([c, w]) => `${c}:${Number(w.toFixed(4))}`)
      .join(" "),
  ];
}

export function sweepColumns(gridKeys: string[]): string[] {
  return [...gridKeys, "seed", ...SWEEP_METRICS];
}

import type { Cell, RunSummary } from "../../lib/index.js";

/**
 * Metric columns of sweep.csv, one row per run. Accuracy and diversity metrics are means over all rounds;
 * `*_second_half` over the second half; volatility (Σ|Δπ|), oscillation (sign changes of Δπ) and collapse
 * (rounds with one weight above 0.95) are totals over the run; recovery (rounds until CTR is back to 90 % of its
 * pre-shift level) is empty when CTR did not recover within the run, and then recovered is false (censored: the
 * recovery exceeds recovery_window, the longest one the run could show); recovery, recovered, recovery_window and
 * ctr_after_shift (mean CTR from the first scheduled shift on) are empty without a shift;
 * tracking_error is the profile weights' mean 1 − cosine to the true interest; weights the final blend weights; then
 * llm_calls, llm_fallbacks, llm_prompt_tokens, llm_completion_tokens and llm_latency_ms (the calls' total latency:
 * timing, replayed as recorded) are empty unless policy.kind=llm.
 */
const MEAN_METRICS = ["ctr", "conversion", "precision", "recall", "ndcg", "hit_rate", "map", "regret", "ild", "coverage", "gini", "novelty"] as const;

/** Each sweep.csv metric column with how it is read from a run's summary, in column order. */
const COLUMNS: [string, (s: RunSummary) => Cell][] = [
  ...MEAN_METRICS.map((m): [string, (s: RunSummary) => Cell] => [m, (s) => s.means[m]]),
  ["ctr_second_half", (s) => s.secondHalf.ctr],
  ["ndcg_second_half", (s) => s.secondHalf.ndcg],
  ["volatility", (s) => s.stability.volatility],
  ["oscillation", (s) => s.stability.oscillation],
  ["collapse", (s) => s.stability.collapse],
  ["recovery", (s) => s.stability.recovery],
  ["recovered", (s) => s.stability.recovered],
  ["recovery_window", (s) => s.stability.recoveryWindow],
  ["ctr_after_shift", (s) => s.stability.ctrAfterShift],
  ["tracking_error", (s) => s.stability.trackingError],
  [
    "weights",
    (s) =>
      Object.entries(s.finalWeights)
        .map(([c, w]) => `${c}:${Number(w.toFixed(4))}`)
        .join(" "),
  ],
  ["llm_calls", (s) => s.llm?.calls ?? null],
  ["llm_fallbacks", (s) => s.llm?.fallbacks ?? null],
  ["llm_prompt_tokens", (s) => s.llm?.promptTokens ?? null],
  ["llm_completion_tokens", (s) => s.llm?.completionTokens ?? null],
  ["llm_latency_ms", (s) => s.llm?.latencyMs.total ?? null],
];

export const SWEEP_METRICS: readonly string[] = COLUMNS.map(([name]) => name);

export function sweepMetrics(s: RunSummary): Cell[] {
  return COLUMNS.map(([, read]) => read(s));
}

export function sweepColumns(gridKeys: string[]): string[] {
  return [...gridKeys, "seed", ...SWEEP_METRICS];
}

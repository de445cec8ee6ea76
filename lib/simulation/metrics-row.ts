/** The per-round metrics of rounds.csv that come before the weight columns, in the order of the command-line contract. */
export const CORE_METRIC_COLUMNS = [
  "ctr",
  "conversion",
  "precision",
  "recall",
  "ndcg",
  "hit_rate",
  "regret",
  "ild",
  "coverage",
  "gini",
  "novelty",
  "volatility",
] as const;

/** Further per-round metrics, written after the w_<component> columns (new columns may only be appended). */
export const EXTRA_METRIC_COLUMNS = ["map", "tracking_error", "negative_reviews", "weak_clicks"] as const;

export const METRIC_COLUMNS = [...CORE_METRIC_COLUMNS, ...EXTRA_METRIC_COLUMNS] as const;

export type MetricName = (typeof METRIC_COLUMNS)[number];
export type RoundMetrics = Record<MetricName, number>;

export function emptyMetrics(): RoundMetrics {
  return Object.fromEntries(METRIC_COLUMNS.map((c) => [c, 0])) as RoundMetrics;
}

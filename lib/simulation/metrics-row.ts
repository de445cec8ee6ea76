/** The per-round metrics written to rounds.csv, in column order. */
export const METRIC_COLUMNS = [
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
  "volatility",
] as const;

export type MetricName = (typeof METRIC_COLUMNS)[number];
export type RoundMetrics = Record<MetricName, number>;

export function emptyMetrics(): RoundMetrics {
  return Object.fromEntries(METRIC_COLUMNS.map((c) => [c, 0])) as RoundMetrics;
}

import { type Cell, formatCsv } from "../io/csv.js";
import type { ScenarioConfig } from "../scenario/config.js";
import { CORE_METRIC_COLUMNS, EXTRA_METRIC_COLUMNS } from "./metrics-row.js";
import type { RoundRecord } from "./simulation.js";

/**
 * Columns of rounds.csv: round, the contract's metrics (ctr … volatility), a w_<component> column per blend
 * weight, then further metrics and the round's counts. A further metric the round has no value for (tracking_error
 * before any user has a profile, or in a blend without the content component) is an empty cell.
 */
export function roundColumns(components: string[]): string[] {
  return ["round", ...CORE_METRIC_COLUMNS, ...components.map((c) => `w_${c}`), ...EXTRA_METRIC_COLUMNS, "active", "users", "items"];
}

export function roundRow(record: RoundRecord): Cell[] {
  return [
    record.round,
    ...CORE_METRIC_COLUMNS.map((c) => record.metrics[c]),
    ...record.weights,
    ...EXTRA_METRIC_COLUMNS.map((c) => (Number.isFinite(record.metrics[c]) ? record.metrics[c] : null)),
    record.active,
    record.users,
    record.items,
  ];
}

/**
 * Columns of weights.csv: the blend weight π of each component after the round, and `raw`, the update rule's raw
 * weight w that π normalises (an update-rule policy at the global level; empty for every other policy and level).
 */
export const WEIGHT_COLUMNS = ["round", "component", "weight", "raw"];

export function weightRows(record: RoundRecord, components: string[]): Cell[][] {
  const raw = record.rule?.after.w;
  return components.map((c, k) => [record.round, c, record.weights[k], raw ? raw[k] : null]);
}

/**
 * The files of a run as `drift-lab run` writes them (rounds.csv, weights.csv, config.json), from its records: the
 * command line and the playground's downloads write the same bytes for the same run.
 */
export function runFiles(config: ScenarioConfig, records: RoundRecord[]): { "rounds.csv": string; "weights.csv": string; "config.json": string } {
  const components = config.recommender.components;
  return {
    "rounds.csv": formatCsv(roundColumns(components), records.map(roundRow)),
    "weights.csv": formatCsv(WEIGHT_COLUMNS, records.flatMap((r) => weightRows(r, components))),
    "config.json": JSON.stringify(config, null, 2) + "\n",
  };
}

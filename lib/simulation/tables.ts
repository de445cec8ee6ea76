import type { Cell } from "../io/csv.js";
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

export const WEIGHT_COLUMNS = ["round", "component", "weight"];

export function weightRows(record: RoundRecord, components: string[]): Cell[][] {
  return components.map((c, k) => [record.round, c, record.weights[k]]);
}

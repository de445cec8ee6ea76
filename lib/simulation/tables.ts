import type { Cell } from "../io/csv.js";
import { METRIC_COLUMNS } from "./metrics-row.js";
import type { RoundRecord } from "./simulation.js";

/** Columns of rounds.csv: round, the metrics, then a w_<component> column per blend weight, then counts. */
export function roundColumns(components: string[]): string[] {
  return ["round", ...METRIC_COLUMNS, ...components.map((c) => `w_${c}`), "active", "users", "items"];
}

export function roundRow(record: RoundRecord): Cell[] {
  return [record.round, ...METRIC_COLUMNS.map((c) => record.metrics[c]), ...record.weights, record.active, record.users, record.items];
}

export const WEIGHT_COLUMNS = ["round", "component", "weight"];

export function weightRows(record: RoundRecord, components: string[]): Cell[][] {
  return components.map((c, k) => [record.round, c, record.weights[k]]);
}

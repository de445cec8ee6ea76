import type { Cell } from "../io/csv.js";
import type { ReplayDifference } from "./replay-evidence.js";
import type { ReplayResult } from "./replay.js";

/** replay.csv: one row per policy and window. */
export function replayColumns(k: number): string[] {
  return ["policy", "window", "events", `hit@${k}`, `ndcg@${k}`];
}

export function replayRows(result: ReplayResult): Cell[][] {
  return result.scores.map((s) => [s.policy, s.window, s.events, s.hit, s.ndcg]);
}

/** summary.csv: one row per policy over the whole replay. */
export function summaryColumns(k: number): string[] {
  return ["policy", "events", `hit@${k}`, `ndcg@${k}`, "elapsed_seconds"];
}

export function summaryRows(result: ReplayResult): Cell[][] {
  return result.summary.map((s) => [s.policy, s.events, s.hit, s.ndcg, Number(s.seconds.toFixed(3))]);
}

/** weights.csv: the mean blend weights each policy recommended with, per window. */
export const REPLAY_WEIGHT_COLUMNS = ["policy", "window", "component", "weight"];

export function replayWeightRows(result: ReplayResult): Cell[][] {
  return result.weights.map((w) => [w.policy, w.window, w.component, w.weight]);
}

/** windows.csv: when each window's positive events happened (UTC dates). */
export const WINDOW_COLUMNS = ["window", "start", "end", "events"];

export function windowRows(result: ReplayResult): Cell[][] {
  const date = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
  return result.windows.map((w) => [w.window, date(w.start), date(w.end), w.events]);
}

/** held-out.csv: each policy's hit rates on the held-out part and on its cold-item events, beside a random list's. */
export function partColumns(k: number): string[] {
  return ["policy", "part", "events", `hit@${k}`, `ndcg@${k}`, `random_hit@${k}`];
}

export function partRows(result: ReplayResult): Cell[][] {
  return [
    ...result.heldOut.map((s) => [s.policy, "held-out", s.events, s.hit, s.ndcg, s.random]),
    ...result.cold.map((s) => [s.policy, "cold", s.events, s.hit, s.ndcg, s.random]),
  ];
}

/** differences.csv: each policy against each baseline over the held-out windows (replay-evidence.ts). */
export const DIFFERENCE_COLUMNS = ["policy", "baseline", "windows", "hit", "baseline_hit", "difference", "lo95", "hi95", "windows_above", "windows_below"];

export function differenceRows(differences: ReplayDifference[]): Cell[][] {
  return differences.map((d) => [d.policy, d.baseline, d.n, d.hit, d.baselineHit, d.mean, d.lo, d.hi, d.above, d.below]);
}

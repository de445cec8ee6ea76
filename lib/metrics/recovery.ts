import { Stream } from "../random/stream.js";
import { bootstrapInterval } from "../stats/bootstrap.js";
import { kaplanMeier } from "../stats/kaplan-meier.js";
import { recoveryTime } from "./stability.js";

/**
 * Recovery after a shift as a censored observation. `rounds` is the number of rounds until the metric is back to
 * `level` of its pre-shift mean (recoveryTime in stability.ts); a run that is not back by the end is censored:
 * `recovered` false, `rounds` null, and all that is known is that its recovery would exceed `window`, the longest
 * recovery the run could show (rounds after the shift minus the smoothing span). Never a made-up number.
 */
export interface RecoveryOutcome {
  recovered: boolean;
  rounds: number | null;
  window: number;
}

/** The recovery of `series` after `shiftRound`, or null when there are no rounds on both sides of the shift. */
export function recoveryOutcome(series: ArrayLike<number>, shiftRound: number, before = 20, level = 0.9, smooth = 5): RecoveryOutcome | null {
  const t = recoveryTime(series, shiftRound, before, level, smooth);
  if (Number.isNaN(t)) return null;
  const window = series.length - shiftRound - Math.min(smooth, series.length - shiftRound);
  return Number.isFinite(t) ? { recovered: true, rounds: t, window } : { recovered: false, rounds: null, window };
}

/** What a group of runs says about recovery, censoring kept. */
export interface RecoverySummary {
  runs: number;
  recovered: number;
  /** recovered / runs: the share that recovered within their window. */
  share: number;
  /** Kaplan–Meier median of the rounds to recover; null when fewer than half are known to recover (not reached). */
  median: number | null;
  /** 95 % percentile-bootstrap interval of that median; null at an end the resamples do not reach. */
  medianLo: number | null;
  medianHi: number | null;
  /** The longest window among the runs: a median that is not reached lies beyond it. */
  window: number;
}

const BOOTSTRAP_RESAMPLES = 2000;

/**
 * Share recovered and the Kaplan–Meier median over runs (censored runs count as "not yet" up to their window),
 * with a percentile-bootstrap interval from a fixed stream, so the same runs always give the same summary.
 */
export function summariseRecovery(outcomes: RecoveryOutcome[]): RecoverySummary {
  const times = outcomes.map((o) => (o.recovered ? o.rounds! : o.window));
  const observed = outcomes.map((o) => o.recovered);
  const recovered = observed.filter(Boolean).length;
  const median = (idx: ArrayLike<number>) => {
    const t = Array.from(idx, (i) => times[i]);
    const e = Array.from(idx, (i) => observed[i]);
    return kaplanMeier(t, e).median ?? Infinity;
  };
  const km = kaplanMeier(times, observed).median;
  const boot = outcomes.length > 1 ? bootstrapInterval(outcomes.length, median, new Stream("recovery/bootstrap"), { resamples: BOOTSTRAP_RESAMPLES }) : null;
  const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
  return {
    runs: outcomes.length,
    recovered,
    share: outcomes.length ? recovered / outcomes.length : Number.NaN,
    median: km,
    medianLo: finite(boot?.lo),
    medianHi: finite(boot?.hi),
    window: outcomes.reduce((m, o) => Math.max(m, o.window), 0),
  };
}

/**
 * A run's recovery from a sweep.csv row (`recovered`: true/false or "true"/"false", `recovery`, `recovery_window`);
 * null when the row has none (no shift, or a run that diverged).
 */
export function outcomeOfRow(row: Record<string, unknown>): RecoveryOutcome | null {
  const flag = row.recovered;
  if (flag !== true && flag !== false && flag !== "true" && flag !== "false") return null;
  const recovered = flag === true || flag === "true";
  const number = (v: unknown) => (v === null || v === undefined || v === "" ? Number.NaN : Number(v));
  const window = number(row.recovery_window);
  const rounds = recovered ? number(row.recovery) : null;
  if (!Number.isFinite(window) || (recovered && !Number.isFinite(rounds))) return null;
  return { recovered, rounds, window };
}

/** summariseRecovery per group of rows that share the values of `keys`, groups in order of first appearance. */
export function recoveryByGroup(rows: Record<string, unknown>[], keys: string[]): ({ group: Record<string, string> } & RecoverySummary)[] {
  const groups = new Map<string, { group: Record<string, string>; outcomes: RecoveryOutcome[] }>();
  for (const row of rows) {
    const outcome = outcomeOfRow(row);
    if (!outcome) continue;
    const group = Object.fromEntries(keys.map((k) => [k, String(row[k])]));
    const id = JSON.stringify(keys.map((k) => group[k]));
    if (!groups.has(id)) groups.set(id, { group, outcomes: [] });
    groups.get(id)!.outcomes.push(outcome);
  }
  return [...groups.values()].map(({ group, outcomes }) => ({ group, ...summariseRecovery(outcomes) }));
}

import { pairedDifference, type PairedDifference } from "../stats/paired.js";
import type { ReplayResult } from "./replay.js";

/** One policy against a baseline over the held-out windows: the mean per-window difference in hit@k, with its interval. */
export interface ReplayDifference extends PairedDifference {
  policy: string;
  baseline: string;
  /** Mean hit@k of the policy and of the baseline over the same windows. */
  hit: number;
  baselineHit: number;
}

/** The baselines every policy is compared with, when the replay has them. */
export const REPLAY_BASELINES = ["popularity", "static"];

/** The windows wholly in the held-out part (their first positive at or after `heldOutFrom`), each with at least one event. */
export function heldOutWindows(result: ReplayResult): number[] {
  return result.windows.filter((w) => w.from >= result.heldOutFrom && w.events > 0).map((w) => w.window);
}

/**
 * Each policy's hit@k against each baseline (REPLAY_BASELINES) over the held-out windows, paired by window (both
 * saw the same events in it): the mean of the per-window differences with its 95 % t interval. Windows are the
 * replay's units of time, consecutive and of equal size; the interval treats them as independent, which
 * understates it when the advantage drifts slowly (say so wherever it is shown).
 */
export function replayDifferences(result: ReplayResult, level = 0.95): ReplayDifference[] {
  const windows = heldOutWindows(result);
  const hits = new Map<string, Float64Array>();
  for (const p of result.policies) hits.set(p, new Float64Array(windows.length));
  const at = new Map(windows.map((w, i) => [w, i]));
  for (const s of result.scores) {
    const i = at.get(s.window);
    if (i !== undefined) hits.get(s.policy)![i] = s.hit;
  }
  return windowDifferences(result.policies, hits, level);
}

/**
 * `replayDifferences` from each policy's hit@k in the held-out windows (`hits`, in the same windows for every
 * policy), `policies` in the replay's order: what merging a sharded replay recomputes from its tables.
 */
export function windowDifferences(policies: string[], hits: Map<string, Float64Array>, level = 0.95): ReplayDifference[] {
  const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / Math.max(1, x.length);
  const out: ReplayDifference[] = [];
  for (const baseline of REPLAY_BASELINES) {
    const base = hits.get(baseline);
    if (!base || base.length < 2) continue;
    for (const policy of policies) {
      if (policy === baseline) continue;
      const mine = hits.get(policy)!;
      out.push({ policy, baseline, hit: mean(mine), baselineHit: mean(base), ...pairedDifference(mine, base, level) });
    }
  }
  return out;
}

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MOVIELENS_CITATION, REPLAY_COMPONENT_OPTIONS, REPLAY_POLICY_OPTIONS, replayDifferences, TUNING_SHARE, type Replay, type ReplayResult } from "../lib/index.js";
import { ROOT } from "./files.js";

/**
 * What the real-data page shows of a whole `drift-lab replay` (default settings): made by
 * `npx tsx scripts/real-data-summary.ts` where the data is, and committed, so that the site build (and CI, which
 * has no MovieLens data) needs neither the data nor the minutes of a replay. Only aggregates: no rating of the
 * release is in it. `settings` records what produced it; a test fails when the replay's defaults move from it.
 */
export const REAL_DATA_SUMMARY = join(ROOT, "data", "real-data-summary.json");

/** The defaults a summary was made with: a summary made with other defaults is stale. */
export function summarySettings(): Record<string, unknown> {
  return { tuningShare: TUNING_SHARE, components: REPLAY_COMPONENT_OPTIONS, policies: REPLAY_POLICY_OPTIONS };
}

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : x);
const date = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

export function realDataSummary(release: string, totalRatings: number, replay: Replay, result: ReplayResult, seconds: number, encoder: string): Record<string, unknown> {
  const o = replay.options;
  return {
    available: true,
    settings: summarySettings(),
    meta: {
      release,
      ratings: result.ratings,
      totalRatings,
      batches: result.batches,
      windowEvents: o.windowEvents,
      k: result.k,
      components: result.components,
      policies: result.policies,
      missing: [],
      negatives: o.negatives,
      alpha: o.policy.alpha,
      temperature: o.policy.simplex.temperature,
      seconds: Math.round(seconds),
      encoder,
      textVarianceKept: r4(replay.textVarianceKept),
      heldOutFrom: result.heldOutFrom,
      heldOutStart: date(result.heldOutStart),
      citation: MOVIELENS_CITATION,
    },
    windows: result.windows.map((w) => ({ window: w.window, start: date(w.start), end: date(w.end), events: w.events, heldOut: w.from >= result.heldOutFrom })),
    scores: result.scores.map((s) => ({ policy: s.policy, window: s.window, events: s.events, hit: r4(s.hit), ndcg: r4(s.ndcg) })),
    weights: result.weights.map((w) => ({ policy: w.policy, window: w.window, component: w.component, weight: r4(w.weight) })),
    summary: result.summary.map((s) => ({ policy: s.policy, events: s.events, hit: r4(s.hit), ndcg: r4(s.ndcg) })),
    heldOut: result.heldOut.map((s) => ({ ...s, hit: r4(s.hit), ndcg: r4(s.ndcg), random: r4(s.random) })),
    cold: result.cold.map((s) => ({ ...s, hit: r4(s.hit), ndcg: r4(s.ndcg), random: r4(s.random) })),
    differences: replayDifferences(result).map((d) => ({ policy: d.policy, baseline: d.baseline, windows: d.n, hit: r4(d.hit), baselineHit: r4(d.baselineHit), mean: r4(d.mean), lo: r4(d.lo), hi: r4(d.hi), above: d.above, below: d.below })),
  };
}

/** The committed summary, or null. */
export function readRealDataSummary(): Record<string, unknown> | null {
  return existsSync(REAL_DATA_SUMMARY) ? (JSON.parse(readFileSync(REAL_DATA_SUMMARY, "utf8")) as Record<string, unknown>) : null;
}

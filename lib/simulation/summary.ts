import type { LlmCosts } from "../llm/costs.js";
import { recoveryOutcome } from "../metrics/recovery.js";
import { collapse, oscillation, volatility } from "../metrics/stability.js";
import type { ScenarioConfig } from "../scenario/config.js";
import { LAB_VERSION } from "../version.js";
import { METRIC_COLUMNS, type RoundMetrics } from "./metrics-row.js";
import type { RoundRecord } from "./simulation.js";

export interface RunSummary {
  scenario: string;
  seed: number;
  rounds: number;
  components: string[];
  policy: string;
  labVersion: string;
  worldDigest: string;
  elapsedSeconds: number;
  /** Mean of each metric over all rounds. */
  means: RoundMetrics;
  /** Mean of each metric over the second half of the rounds. */
  secondHalf: RoundMetrics;
  /** The metrics of the last round. */
  final: RoundMetrics;
  finalWeights: Record<string, number>;
  stability: {
    volatility: number;
    oscillation: number;
    collapse: number;
    /**
     * Rounds until CTR is back to 90 % of its pre-shift level (first scheduled shift); null without a shift and
     * when CTR is not back by the end of the run (then `recovered` is false: the value is censored, not known).
     */
    recovery: number | null;
    /** Whether CTR recovered within the run (null without a shift). */
    recovered: boolean | null;
    /** The longest recovery the run could show (rounds after the shift minus the 5-round smoothing); null without a shift. */
    recoveryWindow: number | null;
    /** Mean CTR from the first scheduled shift to the end, null without one. */
    ctrAfterShift: number | null;
    /** Mean over rounds of the profile weights' tracking error (1 − cosine to the true interest), null without any. */
    trackingError: number | null;
  };
  diagnostics: Record<string, number>;
  /** policy.kind=llm only: calls, tokens, fallbacks and repairs; `latencyMs` is timing (as elapsedSeconds). */
  llm?: LlmCosts;
}

function meanOf(records: RoundRecord[]): RoundMetrics {
  const out = Object.fromEntries(METRIC_COLUMNS.map((c) => [c, 0])) as RoundMetrics;
  if (records.length === 0) return out;
  for (const c of METRIC_COLUMNS) {
    let n = 0;
    for (const r of records) if (Number.isFinite(r.metrics[c])) (out[c] += r.metrics[c]), n++;
    out[c] = n ? out[c] / n : Number.NaN;
  }
  return out;
}

export function summarise(config: ScenarioConfig, records: RoundRecord[], worldDigest: string, elapsedSeconds: number, llm?: LlmCosts): RunSummary {
  const trajectory = records.map((r) => r.weights);
  const shiftRound = config.world.drift.shift?.at[0];
  const ctr = records.map((r) => r.metrics.ctr);
  const after = shiftRound === undefined ? [] : records.filter((r) => r.round >= shiftRound);
  const last = records[records.length - 1];
  const recovery = shiftRound === undefined ? null : recoveryOutcome(ctr, shiftRound, 20, 0.9, 5);
  return {
    scenario: config.name,
    seed: config.run.seed,
    rounds: records.length,
    components: config.recommender.components,
    policy: config.policy.kind,
    labVersion: LAB_VERSION,
    worldDigest,
    elapsedSeconds,
    means: meanOf(records),
    secondHalf: meanOf(records.slice(Math.floor(records.length / 2))),
    final: last ? { ...last.metrics } : meanOf([]),
    finalWeights: Object.fromEntries(config.recommender.components.map((c, k) => [c, last ? last.weights[k] : NaN])),
    stability: {
      volatility: volatility([records[0]?.weightsBefore ?? new Float64Array(0), ...trajectory].filter((w) => w.length)),
      oscillation: oscillation(trajectory),
      collapse: collapse(trajectory),
      recovery: recovery?.rounds ?? null,
      recovered: recovery?.recovered ?? null,
      recoveryWindow: recovery?.window ?? null,
      ctrAfterShift: after.length ? after.reduce((s, r) => s + r.metrics.ctr, 0) / after.length : null,
      trackingError: records.some((r) => Number.isFinite(r.metrics.tracking_error)) ? meanOf(records).tracking_error : null,
    },
    diagnostics: last?.diagnostics ?? {},
    ...(llm ? { llm } : {}),
  };
}

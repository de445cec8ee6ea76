import type { LlmReply } from "./exchange.js";
import type { AnswerFailure, AnswerRepair } from "./parse-answer.js";

/** Why a call's answer was not used: the transport's failures and the answer's. */
export type FallbackReason = NonNullable<LlmReply["error"]>["kind"] | AnswerFailure;

/**
 * What a run's calls cost and how they ended, for summary.json (`llm`) and sweep.csv. Latency is timing: it
 * differs between live runs, and a replay reports the latencies recorded in its transcript.
 */
export interface LlmCosts {
  calls: number;
  /** Calls whose weights were used (after any repair). */
  used: number;
  fallbacks: number;
  fallbackReasons: Partial<Record<FallbackReason, number>>;
  /** Used answers that needed a repair, and the repairs made. */
  repaired: number;
  repairs: Partial<Record<AnswerRepair, number>>;
  promptTokens: number;
  completionTokens: number;
  /** Attempts over all calls (retries included). */
  attempts: number;
  latencyMs: { total: number; mean: number; max: number };
}

export function emptyCosts(): LlmCosts {
  return { calls: 0, used: 0, fallbacks: 0, fallbackReasons: {}, repaired: 0, repairs: {}, promptTokens: 0, completionTokens: 0, attempts: 0, latencyMs: { total: 0, mean: 0, max: 0 } };
}

function bump<K extends string>(counts: Partial<Record<K, number>>, key: K): Partial<Record<K, number>> {
  const next = { ...counts, [key]: (counts[key] ?? 0) + 1 };
  return Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1))) as Partial<Record<K, number>>;
}

/** Costs after one more call. */
export function addCall(c: LlmCosts, reply: LlmReply, outcome: { fallback?: FallbackReason; repairs: AnswerRepair[] }): LlmCosts {
  const calls = c.calls + 1;
  const total = c.latencyMs.total + reply.latencyMs;
  let repairs = c.repairs;
  for (const r of outcome.repairs) repairs = bump(repairs, r);
  return {
    calls,
    used: c.used + (outcome.fallback ? 0 : 1),
    fallbacks: c.fallbacks + (outcome.fallback ? 1 : 0),
    fallbackReasons: outcome.fallback ? bump(c.fallbackReasons, outcome.fallback) : c.fallbackReasons,
    repaired: c.repaired + (!outcome.fallback && outcome.repairs.length ? 1 : 0),
    repairs,
    promptTokens: c.promptTokens + reply.promptTokens,
    completionTokens: c.completionTokens + reply.completionTokens,
    attempts: c.attempts + reply.attempts,
    latencyMs: { total, mean: total / calls, max: Math.max(c.latencyMs.max, reply.latencyMs) },
  };
}

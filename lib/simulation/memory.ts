import { componentMemory } from "../recommenders/registry.js";
import type { ScenarioConfig } from "../scenario/config.js";

/**
 * How much memory a run of a scenario needs at its peak, beyond the process it runs in, so that a configuration
 * that would exhaust the machine is refused before it starts instead of failing half an hour in. The model follows
 * what the loop allocates, with coefficients fitted to the peak RSS of `drift-lab run` (Node 20, WASM backend;
 * `npm run bench -- memory` measures it again and prints estimate against measurement):
 *
 * - every round, each component scores every item for every active user (float32, active × items "cells"): its raw
 *   scores, its normalised copy and the true utilities are alive together, 4 + 5 bytes per cell and component; with a
 *   normalising thread (threads ≥ 2) a per-user component's rows are copied to it and back, 16 bytes per cell;
 * - a TensorFlow.js component (mf, sequence) also keeps a round's scores and its vectors in WASM memory;
 * - per item and per user: catalog, text, embeddings, profiles, interaction lists (about 2 KB and 1 KB);
 * - per round: the records and the output tables (3.7 KB), and a heap that grows with the active users and
 *   levels off (33 KB × active × √rounds, rounds capped at 1000).
 *
 * On 14 configurations from the default world to 10,000 users × 50,000 items, with 1 or 2 threads, mf, and a sweep's
 * workers, the estimate (with cli/memory.ts's process terms) was 1.02 to 1.45 times the measured peak, never below.
 */

const KB = 1024;
const MB = 1024 * KB;

/** The estimate and what it rests on, for the message that refuses a configuration. */
export interface MemoryEstimate {
  bytes: number;
  /** Active users in the busiest round (the expectation plus four standard deviations). */
  active: number;
  /** active × items: the size of one round's score matrix. */
  cells: number;
}

/** Active users in the busiest round: a binomial draw of `users` at `fraction`, at four standard deviations. */
export function peakActive(users: number, fraction: number): number {
  const mean = users * fraction;
  return Math.min(users, Math.ceil(mean + 4 * Math.sqrt(mean * (1 - fraction)) + 1));
}

/** Bytes one run of `config` needs at its peak, beyond its process; `threads` normalise its scores (1: its own). */
export function runMemory(config: ScenarioConfig, threads = 1): MemoryEstimate {
  const { users, items, activeFraction } = config.world;
  const rounds = config.run.rounds;
  const active = peakActive(users, activeFraction);
  const cells = active * items;
  let perCell = 4;
  let fixed = 0;
  for (const name of config.recommender.components) {
    const m = componentMemory(name);
    perCell += threads >= 2 && !m.shared ? 16 : 5;
    if (m.tensorflow) {
      perCell += 8;
      fixed += 32 * MB + (users + items) * KB;
    }
  }
  const text = (users + items) * config.encoder.dim * 8;
  const perRound = rounds * 3.7 * KB + 33 * KB * active * Math.sqrt(Math.min(rounds, 1000));
  return { bytes: cells * perCell + fixed + items * 2 * KB + users * KB + text + perRound, active, cells };
}

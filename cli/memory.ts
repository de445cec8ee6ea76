import { constrainedMemory } from "node:process";
import { totalmem } from "node:os";
import { type MemoryEstimate, runMemory, type ScenarioConfig } from "../lib/index.js";
import { type Flags, UsageError } from "./args.js";

/**
 * The up-front memory check of run, sweep and tune: the estimate of lib/simulation/memory.ts plus the processes and
 * threads that hold the runs, against a limit (--max-memory, else $DRIFT_LAB_MAX_MEMORY, else 80 % of the
 * machine's memory or of the container's limit). Above it the command is refused, exit 2, before any work.
 */

const MB = 1024 * 1024;
/** The command's own process (Node, the modules, TensorFlow.js), measured as the peak RSS of a tiny run. */
const PROCESS_BYTES = 160 * MB;
/** A sweep worker thread: its own module instances and TensorFlow.js. */
const WORKER_BYTES = 140 * MB;
/** A thread that normalises scores (threads ≥ 2). */
const NORMALISER_BYTES = 30 * MB;
/** The most elements a typed array holds: one round's score matrix must fit in one. */
const MAX_CELLS = 2 ** 32 - 1;

export const MEMORY_ENV = "DRIFT_LAB_MAX_MEMORY";

export const MEMORY_HELP = `--max-memory SIZE: refuse (exit 2, before any work) a configuration whose estimated peak memory is above SIZE
(e.g. 12G, 800M; default $${MEMORY_ENV}, else 80 % of this machine's memory).`;

const UNITS: Record<string, number> = { "": 1, K: 1024, M: MB, G: 1024 * MB, T: 1024 * 1024 * MB };

/** `12G`, `800M`, `1.5GB`, `64GiB` (binary units), or a number of bytes. */
export function parseSize(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(text);
  const bytes = m ? Number(m[1]) * UNITS[m[2].toUpperCase()] : NaN;
  if (!Number.isFinite(bytes) || bytes <= 0) throw new UsageError(`${flag}: expected a size such as 12G, 800M or a number of bytes, got '${text}'`);
  return bytes;
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * MB ? `${(bytes / (1024 * MB)).toFixed(1)} GiB` : `${Math.ceil(bytes / MB)} MiB`;
}

/** The machine's memory, or the container's (cgroup) limit when lower. */
function machineBytes(): number {
  const limit = constrainedMemory?.() ?? 0;
  return limit > 0 && limit < totalmem() ? limit : totalmem();
}

export interface MemoryLimit {
  bytes: number;
  /** Where it came from, for the message. */
  source: string;
}

export function memoryLimit(flags: Flags): MemoryLimit {
  const flag = flags.string("max-memory");
  if (flag !== undefined) return { bytes: parseSize(flag, "--max-memory"), source: "--max-memory" };
  const env = process.env[MEMORY_ENV];
  if (env) return { bytes: parseSize(env, `$${MEMORY_ENV}`), source: `$${MEMORY_ENV}` };
  return { bytes: 0.8 * machineBytes(), source: "80 % of this machine's memory" };
}

export interface Workload {
  limit: MemoryLimit;
  /** Worker threads that each hold one run (0: the runs take turns in this process). */
  workers?: number;
  /** Threads normalising a run's scores (runs in this process only). */
  threads?: number;
}

export interface Estimate {
  /** Peak bytes of the command: its process, and the runs it holds at once. */
  bytes: number;
  /** The largest run's configuration and estimate. */
  config: ScenarioConfig;
  run: MemoryEstimate;
  /** Runs held at once (workers, or 1). */
  holders: number;
}

/** The estimated peak of a command holding runs of `configs` (the largest counts) on `workload`'s threads. */
export function estimate(configs: ScenarioConfig | ScenarioConfig[], w: Omit<Workload, "limit">): Estimate {
  const list = Array.isArray(configs) ? configs : [configs];
  const workers = w.workers ?? 0;
  const threads = workers > 0 ? 1 : (w.threads ?? 1);
  let worst: { config: ScenarioConfig; run: MemoryEstimate } | null = null;
  for (const config of list) {
    const run = runMemory(config, threads);
    if (!worst || run.bytes > worst.run.bytes) worst = { config, run };
  }
  if (!worst) throw new Error("estimate: no configuration");
  const bytes = PROCESS_BYTES + (workers > 0 ? workers * (WORKER_BYTES + worst.run.bytes) : worst.run.bytes + (threads - 1) * NORMALISER_BYTES);
  return { bytes, ...worst, holders: Math.max(1, workers) };
}

/**
 * Refuses, in one line naming world.users and world.items, a configuration whose runs would not fit: one round's
 * score matrix larger than a typed array, or an estimated peak above the limit. The largest of `configs` counts
 * (a sweep's grid points may differ in size), times the workers that hold runs at once.
 */
export function checkMemory(configs: ScenarioConfig | ScenarioConfig[], w: Workload): void {
  const { bytes, config, run, holders } = estimate(configs, w);
  const { users, items } = config.world;
  const shape = `${run.active} active of ${users} users × ${items} items, scored by ${config.recommender.components.length} components`;
  if (run.cells > MAX_CELLS) {
    throw new UsageError(`world.users × world.items: a round scores ${run.cells} cells (${shape}), more than the ${MAX_CELLS} an array can hold; use a smaller world or world.activeFraction`);
  }
  if (bytes > w.limit.bytes) {
    const each = holders > 1 ? ` (${holders} workers with a run each)` : "";
    throw new UsageError(
      `world.users × world.items: needs about ${formatSize(bytes)} of memory${each} (${shape}), more than the limit of ${formatSize(w.limit.bytes)} (${w.limit.source}); use a smaller world${holders > 1 ? " or fewer --workers" : ""}, or raise the limit with --max-memory SIZE or $${MEMORY_ENV}`,
    );
  }
}

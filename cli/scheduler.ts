import { hostname } from "node:os";
import { join } from "node:path";
import { UsageError } from "./args.js";
import { occupants } from "./output.js";
import type { Shard } from "./sweep/identity.js";
import { parseShard } from "./sweep/plan.js";

/** Where a command's shard came from: `--shard`, a Slurm array task, a Kubernetes Indexed Job. */
export interface ShardChoice {
  shard: Shard;
  source: "flag" | "slurm" | "kubernetes";
}

/** The shard count of a Kubernetes Indexed Job (Kubernetes passes the index, not the count). */
export const SHARD_COUNT_ENV = "DRIFT_LAB_SHARD_COUNT";

export const SHARD_HELP = `--shard i/n runs only every n-th unit of the work starting at the i-th (1 ≤ i ≤ n). Without --shard, a Slurm
array task takes shard SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 of SLURM_ARRAY_TASK_COUNT, and a Kubernetes
Indexed Job's pod shard JOB_COMPLETION_INDEX + 1 of $${SHARD_COUNT_ENV}; such a shard writes DIR/shard-i-of-n, so
every task can share one --out DIR (--shard 1/1 turns this off).`;

function integer(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`$${name}: expected a non-negative integer, got '${raw}'`);
  return Number(raw);
}

/**
 * The shard a command runs: `--shard i/n` when given (it wins), else the scheduler's array task, else none.
 * Refused in one line: a Slurm array whose task ids are not one contiguous step range, a Kubernetes index without
 * $DRIFT_LAB_SHARD_COUNT, an index outside its count, and both schedulers at once.
 */
export function chooseShard(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ShardChoice | null {
  if (flag !== undefined) return { shard: parseShard(flag), source: "flag" };
  const slurm = integer(env, "SLURM_ARRAY_TASK_ID");
  const k8s = integer(env, "JOB_COMPLETION_INDEX");
  if (slurm !== undefined && k8s !== undefined) {
    throw new UsageError("both $SLURM_ARRAY_TASK_ID and $JOB_COMPLETION_INDEX are set: give --shard i/n to say which shard this is");
  }
  if (slurm !== undefined) {
    const count = integer(env, "SLURM_ARRAY_TASK_COUNT");
    if (count === undefined || count < 1) throw new UsageError("$SLURM_ARRAY_TASK_ID is set without $SLURM_ARRAY_TASK_COUNT: give --shard i/n");
    const min = integer(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
    const step = integer(env, "SLURM_ARRAY_TASK_STEP") ?? 1;
    const max = integer(env, "SLURM_ARRAY_TASK_MAX");
    const index = (slurm - min) / Math.max(step, 1) + 1;
    const contiguous = max === undefined || (max - min) / Math.max(step, 1) + 1 === count;
    if (!Number.isInteger(index) || index < 1 || index > count || !contiguous) {
      throw new UsageError(
        `Slurm array task ${slurm} (ids ${min}..${max ?? "?"} step ${step}, ${count} tasks) is not shard i of ${count}: submit the array as --array=0-${count - 1} (or 1-${count}), or give --shard i/n`,
      );
    }
    return { shard: { index, count }, source: "slurm" };
  }
  if (k8s !== undefined) {
    const count = integer(env, SHARD_COUNT_ENV);
    if (count === undefined || count < 1) {
      throw new UsageError(`$JOB_COMPLETION_INDEX is set without $${SHARD_COUNT_ENV} (the Indexed Job's completions): set it in the pod's env, or give --shard i/n`);
    }
    if (k8s >= count) throw new UsageError(`$JOB_COMPLETION_INDEX ${k8s} is not below $${SHARD_COUNT_ENV} ${count}: set ${SHARD_COUNT_ENV} to the Job's completions`);
    return { shard: { index: k8s + 1, count }, source: "kubernetes" };
  }
  return null;
}

/** The directory a scheduler's shard writes under the shared --out. */
export function shardDirName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}

export const SHARD_DIR = /^shard-(\d+)-of-(\d+)$/;

/**
 * The directory a shard writes: `out` itself for --shard (the user gives each shard its own), DIR/shard-i-of-n for
 * a scheduler's shard (every task of the array is given the same --out). The shared directory may hold only shard
 * directories of the same split: another split's (another n), or anything else, is refused before any work.
 */
export function shardOutput(out: string, choice: ShardChoice | null, flag = "--out"): string {
  if (!choice || choice.source === "flag") return out;
  const { count } = choice.shard;
  for (const entry of occupants(out, flag) ?? []) {
    const m = SHARD_DIR.exec(entry);
    if (!m) throw new UsageError(`${flag} ${out}: the shared directory of a ${count}-task array holds '${entry}', which is not a shard-i-of-${count} directory; use another ${flag}`);
    if (Number(m[2]) !== count) {
      throw new UsageError(`${flag} ${out}: holds ${entry}, a shard of a ${m[2]}-way split, and this ${choice.source} task is shard ${choice.shard.index} of ${count}; use another ${flag}`);
    }
  }
  return join(out, shardDirName(choice.shard));
}

/** The sources under a shared shard directory: its shard-i-of-n directories in shard order; null when it has none. */
export function shardDirectories(dir: string): string[] | null {
  let entries: string[] | null;
  try {
    entries = occupants(dir, "--merge");
  } catch {
    return null;
  }
  const shards = (entries ?? []).map((e) => ({ e, m: SHARD_DIR.exec(e) })).filter((x) => x.m);
  if (shards.length === 0) return null;
  return shards.sort((a, b) => Number(a.m![1]) - Number(b.m![1]) || Number(a.m![2]) - Number(b.m![2])).map((x) => join(dir, x.e));
}

/** Where and when a command ran (a shard's record in its manifest): host, start, end, and the scheduler's job. */
export interface Session {
  host: string;
  start: string;
  end: string | null;
  /** `SLURM_ARRAY_JOB_ID_SLURM_ARRAY_TASK_ID`, or the Kubernetes pod (its host name) with its index; null elsewhere. */
  job: string | null;
}

export function startSession(env: NodeJS.ProcessEnv = process.env): Session {
  const job = env.SLURM_ARRAY_JOB_ID
    ? `slurm ${env.SLURM_ARRAY_JOB_ID}_${env.SLURM_ARRAY_TASK_ID}`
    : env.SLURM_JOB_ID
      ? `slurm ${env.SLURM_JOB_ID}`
      : env.JOB_COMPLETION_INDEX !== undefined
        ? `kubernetes index ${env.JOB_COMPLETION_INDEX}`
        : null;
  return { host: hostname(), start: new Date().toISOString(), end: null, job };
}

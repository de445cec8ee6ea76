import { fileURLToPath } from "node:url";
import { Flags, type FlagSpec, UsageError } from "../args.js";
import { REPLAY_FLAGS, replayOptionsFromFlags } from "../commands/replay.js";
import { SWEEP_FLAGS } from "../commands/sweep.js";
import { estimate } from "../memory.js";
import { resolveDataDir } from "../movielens.js";
import { parseSeeds } from "../sweep/plan.js";
import { planOrThrow, sweepPlanFromFlags, validatePlan } from "../sweep/sweep.js";

/** The lab's entry point, run by every job with the node that runs this command. */
export const LAB_BIN = fileURLToPath(new URL("../../bin/drift-lab.js", import.meta.url));

/** What a cluster job runs: a sweep or a replay, checked here before anything is submitted. */
export interface Workload {
  command: "sweep" | "replay";
  /** The command's own flags, as given (--out, --shard and --merge aside). */
  args: string[];
  /** The units split among the tasks: runs of the sweep's plan, policies of the replay. */
  units: number;
  unit: string;
  /** Whether the command takes --workers (a sweep's threads). */
  threads: boolean;
  /** Memory one task asks for, in MiB, when --mem is not given. */
  memoryMiB: (workers: number) => number;
}

/** The arguments of one task: the command, its flags, its threads and the shared --out. */
export function taskArgs(w: Workload, workers: number, shards: string): string[] {
  return [w.command, ...w.args, ...(w.threads ? [`--workers=${workers}`] : []), `--out=${shards}`];
}


/** Flags of the forwarded commands that a cluster job must not take from the user. */
const OWN = new Set(["out", "shard", "merge", "workers"]);



/** The sweep's and the replay's own flags that a task passes on (--workers is the cluster's: per task). */
export const sweepFlags = Object.keys(SWEEP_FLAGS).filter((f) => !OWN.has(f));
export const replayFlags = Object.keys(REPLAY_FLAGS).filter((f) => !OWN.has(f));

/** Flags of `drift-lab cluster` that belong to the sweep or replay it runs (and --workers, per task). */
export const WORKLOAD_FLAGS: FlagSpec = Object.fromEntries(
  Object.entries({ ...SWEEP_FLAGS, ...REPLAY_FLAGS }).filter(([f]) => f === "workers" || !OWN.has(f)),
);

const MiB = 1024 * 1024;

/**
 * Reads and checks the sweep's flags as `drift-lab sweep` would (the scenario resolves, every grid value is valid,
 * the seeds parse), so a bad value fails here, not in every task.
 */
export function sweepWorkload(flags: Flags): Workload {
  const plan = sweepPlanFromFlags(flags);
  if (plan.axes.length === 0) throw new UsageError("cluster: --grid is required for a sweep (key=v1,v2,...; repeatable)");
  const seeds = parseSeeds(flags.required("seeds", "a count N: seeds 1..N"), "seeds", true);
  const tasks = planOrThrow(plan, seeds);
  const { points } = validatePlan(plan, tasks);
  return {
    command: "sweep",
    args: flags.forward(sweepFlags),
    units: tasks.length,
    unit: "runs",
    threads: true,
    // the estimate's accuracy is measured (README); a quarter more covers Node's own variation
    memoryMiB: (workers) => Math.max(512, Math.ceil((1.25 * estimate(points, { workers }).bytes) / MiB)),
  };
}

/** Reads and checks the replay's flags as `drift-lab replay` would; --data is passed on as an absolute path. */
export function replayWorkload(flags: Flags): Workload {
  const data = resolveDataDir(flags.string("data"));
  const { policies } = replayOptionsFromFlags(flags);
  return {
    command: "replay",
    args: [`--data=${data}`, ...flags.forward(replayFlags.filter((f) => f !== "data"))],
    units: policies?.length ?? 0,
    unit: "policies",
    threads: false,
    // a replay holds the whole release and every component's state: ml-latest-small needs well under 1 GiB
    memoryMiB: () => 4096,
  };
}

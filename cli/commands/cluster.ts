import { join, relative, resolve } from "node:path";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { clusterLayout } from "../cluster/layout.js";
import { kubernetesManifests } from "../cluster/kubernetes.js";
import { sbatch, shellQuote, slurmScripts } from "../cluster/slurm.js";
import { replayFlags, replayWorkload, sweepFlags, sweepWorkload, WORKLOAD_FLAGS } from "../cluster/workload.js";
import { parseSize } from "../memory.js";
import { writeAtomic } from "../output.js";
import { MAX_WORKERS } from "../sweep/sweep.js";

const flagList = (names: string[]) => names.map((f) => `--${f}`).join(" ");

export const CLUSTER_HELP = `drift-lab cluster slurm|kubernetes [sweep|replay] <the sweep's or replay's flags> --tasks K --out DIR [--write-only]

Splits a sweep (by runs) or a replay (by policy, never by user) into K shards run as an array job, plus a merge job
that checks every shard is there and complete and names the missing ones. DIR must be on a file system that every
node sees at the same path (as must the lab, node, a --scenario file, --data and the working directory); it gets
  DIR/jobs/    the scripts (slurm: sweep.sbatch or replay.sbatch, merge.sbatch) or manifests (kubernetes: *.yaml)
  DIR/logs/    shard-<task>.out per array task and merge.out (slurm)
  DIR/shards/  the tasks' shared --out: one shard-i-of-K directory each, resumable
  DIR/merged/  the merged sweep.csv and sweep.json (sessions: each shard's host, start, end, job), or replay tables
Everything is checked before anything is submitted (bad input: exit 2, one line). Submitting again into the same
DIR resumes: finished shards are kept, unfinished ones go on.

The sweep's flags, as drift-lab sweep takes them: ${flagList(sweepFlags)}.
The replay's, as drift-lab replay takes them: ${flagList(replayFlags)}.
--force is passed on: every shard starts over.

slurm: writes the scripts and submits them with sbatch: the array (task ids 0..K-1; each task reads its shard from
SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT) and the merge with the dependency afterany on it, so that it runs,
and reports the failed shards, even when a task fails (afterok would leave it pending forever). Prints both job ids
and the command to watch them. --write-only writes the scripts and prints the commands that submit them.
  --cpus-per-task C   per task (default 1); a sweep task runs C worker threads (--workers overrides; 1 CPU: none)
  --mem SIZE          per task (default: a sweep's memory estimate + 25 %, at least 512M; a replay 4G)
  --partition P  --time T  --name NAME (job name; default drift-lab-sweep or drift-lab-replay)
kubernetes: writes DIR/jobs/<name>.yaml, an Indexed Job (completions K; pod i runs shard i+1 of K, from
JOB_COMPLETION_INDEX and DRIFT_LAB_SHARD_COUNT) and DIR/jobs/<name>-merge.yaml, to apply once it has ended; prints
the kubectl commands. Never applies them.
  --image IMAGE       a container image with drift-lab on PATH (required)
  --claim PVC         the PersistentVolumeClaim of the shared file system (required)
  --mount PATH        where pods mount it (default /shared); DIR must be under it`;

export const CLUSTER_FLAGS: FlagSpec = {
  ...WORKLOAD_FLAGS,
  tasks: "string",
  out: "string",
  "cpus-per-task": "string",
  mem: "string",
  partition: "string",
  time: "string",
  name: "string",
  "write-only": "boolean",
  image: "string",
  claim: "string",
  mount: "string",
};

/** Slurm's default MaxArraySize is 1001 (task ids 0..1000). */
const MAX_TASKS = 1000;

function word(flags: Flags, name: string): string | undefined {
  const v = flags.string(name);
  if (v !== undefined && !/^[A-Za-z0-9_.:,@+-]+$/.test(v)) throw new UsageError(`--${name}: expected letters, digits and . _ : , @ + -, got '${v}'`);
  return v;
}

export async function clusterCommand(flags: Flags): Promise<void> {
  const [scheduler, what = "sweep", ...extra] = flags.positionals;
  if (scheduler !== "slurm" && scheduler !== "kubernetes") throw new UsageError(`cluster: expected slurm or kubernetes, got '${scheduler ?? ""}' (drift-lab cluster slurm|kubernetes [sweep|replay] ...)`);
  if (what !== "sweep" && what !== "replay") throw new UsageError(`cluster ${scheduler}: expected sweep or replay, got '${what}'`);
  if (extra.length) throw new UsageError(`cluster ${scheduler}: unexpected argument '${extra[0]}' (options start with --)`);
  const tasks = flags.integer("tasks", 1, MAX_TASKS);
  if (tasks === undefined) throw new UsageError(`cluster: --tasks is required (the number of shards, 1 to ${MAX_TASKS})`);
  const out = flags.required("out", "a directory on the shared file system");
  const cpus = flags.integer("cpus-per-task", 1, 256) ?? 1;
  const workersFlag = flags.integer("workers", 0, MAX_WORKERS);
  const mem = flags.string("mem");
  const memBytes = mem === undefined ? undefined : parseSize(mem, "--mem");
  const name = word(flags, "name") ?? `drift-lab-${what}`;
  const slurm = scheduler === "slurm" ? { partition: word(flags, "partition"), time: word(flags, "time"), writeOnly: flags.bool("write-only") } : null;
  const k8s = scheduler === "kubernetes" ? { image: flags.required("image", "a container image with drift-lab on PATH"), claim: flags.required("claim", "the PersistentVolumeClaim of the shared file system"), mount: flags.string("mount") ?? "/shared" } : null;
  const workload = what === "sweep" ? sweepWorkload(flags) : replayWorkload(flags);
  if (workersFlag !== undefined && !workload.threads) throw new UsageError("cluster: --workers is for sweeps (a replay runs in one thread)");
  flags.done();
  if (tasks > workload.units) throw new UsageError(`--tasks ${tasks}: the ${what} has ${workload.units} ${workload.unit}, so at most ${workload.units} tasks have work`);
  const workers = workersFlag ?? (cpus > 1 ? cpus : 0);
  const memoryMiB = memBytes === undefined ? workload.memoryMiB(workers) : Math.ceil(memBytes / (1024 * 1024));
  if (k8s) {
    const inside = relative(resolve(k8s.mount), resolve(out));
    if (inside.startsWith("..") || resolve(out) !== join(resolve(k8s.mount), inside)) throw new UsageError(`--out ${out}: must be under --mount ${k8s.mount} (the shared volume every pod mounts)`);
  }
  const layout = clusterLayout(out);
  const cwd = process.cwd();
  if (k8s) {
    const { array, merge } = kubernetesManifests(workload, layout, { name, tasks, cpus, workers, memoryMiB, ...k8s });
    const files = [join(layout.jobs, `${name}.yaml`), join(layout.jobs, `${name}-merge.yaml`)];
    writeAtomic(files[0], array);
    writeAtomic(files[1], merge);
    process.stdout.write(
      `wrote ${files.join(" and ")}\n` +
        `submit: kubectl apply -f ${shellQuote(files[0])}\n` +
        `watch:  kubectl get job ${name} -w   (logs: kubectl logs job/${name}; pods: kubectl get pods -l job-name=${name})\n` +
        `then, once it has ended (complete or failed): kubectl apply -f ${shellQuote(files[1])}; the merge fails naming any missing shard\n` +
        `result: ${join(layout.merged, what === "sweep" ? "sweep.csv" : "summary.csv")}\n`,
    );
    return;
  }
  const { array, merge } = slurmScripts(workload, layout, { tasks, cpus, workers, memoryMiB, partition: slurm!.partition, time: slurm!.time, name }, cwd);
  const files = [join(layout.jobs, `${what}.sbatch`), join(layout.jobs, "merge.sbatch")];
  writeAtomic(files[0], array);
  writeAtomic(files[1], merge);
  const result = join(layout.merged, what === "sweep" ? "sweep.csv" : "summary.csv");
  if (slurm!.writeOnly) {
    process.stdout.write(
      `wrote ${files.join(" and ")}\n` +
        `submit: job=$(sbatch --parsable ${shellQuote(files[0])}) && sbatch --dependency=afterany:\${job%%;*} ${shellQuote(files[1])}\n` +
        `result: ${result}\n`,
    );
    return;
  }
  const arrayId = sbatch([files[0]]);
  const mergeId = sbatch([`--dependency=afterany:${arrayId}`, files[1]]);
  process.stdout.write(
    `submitted ${what} array job ${arrayId} (${tasks} tasks) and merge job ${mergeId} (runs when every task has ended)\n` +
      `watch:  squeue -j ${arrayId},${mergeId}    (logs: ${layout.logs}/)\n` +
      `result: ${result} (if a task fails, the merge job fails naming the missing shard: see ${join(layout.logs, "merge.out")})\n`,
  );
}

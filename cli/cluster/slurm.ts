import { execFileSync } from "node:child_process";
import { UsageError } from "../args.js";
import { LAB_BIN, taskArgs, type Workload } from "./workload.js";
import type { ClusterLayout } from "./layout.js";

/** Per-task resources and placement of the array job. */
export interface SlurmResources {
  tasks: number;
  cpus: number;
  workers: number;
  memoryMiB: number;
  partition?: string;
  time?: string;
  name: string;
}

/** A word for bash, quoted so that it reaches the program as written. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const line = (words: string[]) => words.map(shellQuote).join(" ");

function header(name: string, log: string, r: { cpus: number; memoryMiB: number; partition?: string; time?: string }, extra: string[] = []): string[] {
  return [
    "#!/bin/bash",
    `#SBATCH --job-name=${name}`,
    ...extra,
    `#SBATCH --output=${log}`,
    `#SBATCH --cpus-per-task=${r.cpus}`,
    `#SBATCH --mem=${r.memoryMiB}M`,
    ...(r.partition ? [`#SBATCH --partition=${r.partition}`] : []),
    ...(r.time ? [`#SBATCH --time=${r.time}`] : []),
  ];
}

/**
 * The two batch scripts: an array of `tasks` tasks, each running the command as shard
 * SLURM_ARRAY_TASK_ID + 1 of SLURM_ARRAY_TASK_COUNT (the command reads them) into the shared shards directory, and
 * the merge, which checks that every shard is there and complete and names the missing ones (exit 2) otherwise.
 */
export function slurmScripts(w: Workload, layout: ClusterLayout, r: SlurmResources, cwd: string): { array: string; merge: string } {
  const run = [process.execPath, LAB_BIN];
  const array = [
    ...header(r.name, `${layout.logs}/shard-%a.out`, r, [`#SBATCH --array=0-${r.tasks - 1}`]),
    `# Task $SLURM_ARRAY_TASK_ID (0-based) runs shard $SLURM_ARRAY_TASK_ID + 1 of ${r.tasks}: drift-lab ${w.command} reads them.`,
    "set -euo pipefail",
    `cd ${shellQuote(cwd)}`,
    `exec ${line([...run, ...taskArgs(w, r.workers, layout.shards)])}`,
    "",
  ].join("\n");
  const merge = [
    ...header(`${r.name}-merge`, `${layout.logs}/merge.out`, { ...r, cpus: 1 }),
    "# Runs after every task of the array has ended, however it ended (afterany), and fails naming the missing",
    "# shards when a task failed: afterok would leave it pending forever (DependencyNeverSatisfied), reporting nothing.",
    "set -euo pipefail",
    `cd ${shellQuote(cwd)}`,
    `exec ${line([...run, w.command, `--merge=${layout.shards}`, `--out=${layout.merged}`, "--force"])}`,
    "",
  ].join("\n");
  return { array, merge };
}

/** Runs sbatch --parsable and returns the job id; one line, exit 2, when sbatch is missing or refuses. */
export function sbatch(args: string[]): string {
  let out: string;
  try {
    out = execFileSync("sbatch", ["--parsable", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === "ENOENT") throw new UsageError("cluster slurm: sbatch is not on PATH: run this on a Slurm submit host, or add --write-only and submit the scripts yourself");
    throw new UsageError(`cluster slurm: sbatch ${args.join(" ")} failed: ${(err.stderr ?? err.message).trim().split("\n").join(" ")}`);
  }
  const id = out.trim().split(";")[0];
  if (!/^\d+$/.test(id)) throw new UsageError(`cluster slurm: sbatch printed '${out.trim()}', not a job id`);
  return id;
}

import { join, resolve } from "node:path";
import { UsageError } from "../args.js";
import { makeDirectory } from "../directories.js";
import { occupants } from "../output.js";

/**
 * A cluster job's directory on the shared file system: jobs/ (the scripts or manifests), logs/ (one per task and
 * the merge's), shards/ (the tasks' shared --out: shard-i-of-n directories) and merged/ (the merge's output).
 */
export interface ClusterLayout {
  root: string;
  jobs: string;
  logs: string;
  shards: string;
  merged: string;
}

const PARTS = ["jobs", "logs", "shards", "merged"] as const;

/**
 * The layout under `out` (absolute), created; refused in one line when `out` holds anything else. A directory of
 * an earlier submission is taken as it is: its shards resume, its scripts are rewritten.
 */
export function clusterLayout(out: string, flag = "--out"): ClusterLayout {
  const root = resolve(out);
  const foreign = (occupants(root, flag) ?? []).find((e) => !(PARTS as readonly string[]).includes(e));
  if (foreign !== undefined) throw new UsageError(`${flag} ${out}: holds '${foreign}'; a cluster job's directory holds only ${PARTS.join(", ")}: use another ${flag}`);
  const layout = { root, ...Object.fromEntries(PARTS.map((p) => [p, join(root, p)])) } as ClusterLayout;
  for (const p of ["jobs", "logs"] as const) makeDirectory(layout[p], flag);
  return layout;
}

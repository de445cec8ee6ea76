import type { ClusterLayout } from "./layout.js";
import { taskArgs, type Workload } from "./workload.js";

export interface KubernetesOptions {
  name: string;
  tasks: number;
  cpus: number;
  workers: number;
  memoryMiB: number;
  image: string;
  /** The PersistentVolumeClaim of the shared file system, mounted at `mount` in every pod. */
  claim: string;
  mount: string;
}

const q = (s: string) => JSON.stringify(s);

function job(o: KubernetesOptions, name: string, args: string[], indexed: boolean, comment: string[]): string {
  return [
    ...comment.map((c) => `# ${c}`),
    "apiVersion: batch/v1",
    "kind: Job",
    "metadata:",
    `  name: ${q(name)}`,
    "spec:",
    ...(indexed
      ? [
          "  completionMode: Indexed",
          `  completions: ${o.tasks}`,
          `  parallelism: ${o.tasks}`,
          // a failed shard does not stop the others; it is retried once (it resumes its own directory), except
          // after exit 2 (bad input or a refused directory: a retry would fail the same way)
          "  backoffLimitPerIndex: 1",
          "  podFailurePolicy:",
          "    rules:",
          "      - action: FailIndex",
          "        onExitCodes: { containerName: shard, operator: In, values: [2] }",
        ]
      : ["  backoffLimit: 0"]),
    "  template:",
    "    spec:",
    "      restartPolicy: Never",
    "      containers:",
    `        - name: ${indexed ? "shard" : "merge"}`,
    `          image: ${q(o.image)}`,
    `          command: ["drift-lab"]`,
    `          args: [${args.map(q).join(", ")}]`,
    `          workingDir: ${q(o.mount)}`,
    ...(indexed ? ["          env:", "            - name: DRIFT_LAB_SHARD_COUNT", `              value: ${q(String(o.tasks))}`] : []),
    "          resources:",
    `            requests: { cpu: ${q(String(indexed ? o.cpus : 1))}, memory: ${q(`${o.memoryMiB}Mi`)} }`,
    "          volumeMounts:",
    "            - name: shared",
    `              mountPath: ${q(o.mount)}`,
    "      volumes:",
    "        - name: shared",
    "          persistentVolumeClaim:",
    `            claimName: ${q(o.claim)}`,
    "",
  ].join("\n");
}

/**
 * An Indexed Job whose pod i runs shard i + 1 of `tasks` (the lab reads JOB_COMPLETION_INDEX and
 * DRIFT_LAB_SHARD_COUNT) into the shared shards directory, and a Job that merges them, to apply once the first has
 * ended (Kubernetes has no dependency between Jobs).
 */
export function kubernetesManifests(w: Workload, layout: ClusterLayout, o: KubernetesOptions): { array: string; merge: string } {
  const array = job(o, o.name, taskArgs(w, o.workers, layout.shards), true, [
    `drift-lab ${w.command}: ${o.tasks} shards as a Kubernetes Indexed Job; pod i runs shard i + 1 of ${o.tasks}.`,
    `The image runs drift-lab (on PATH); ${o.claim} is the shared file system, mounted at ${o.mount} in every pod.`,
  ]);
  const merge = job(o, `${o.name}-merge`, [w.command, `--merge=${layout.shards}`, `--out=${layout.merged}`, "--force"], false, [
    "Apply once the Indexed Job has ended (complete or failed): it merges the shards, or fails naming the missing ones.",
  ]);
  return { array, merge };
}

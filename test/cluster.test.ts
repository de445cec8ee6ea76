import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseShard } from "../cli/scheduler.js";
import { cli, cliInProcess, expectUsageError, ROOT, tempDir } from "./support/cli.js";

const TINY = join(ROOT, "test/fixtures/movielens-tiny");
const SWEEP = ["--scenario", "baseline", "--grid", "alpha=0.1,0.5", "--seeds", "2", "--rounds", "4", "--set", "world.users=60", "--set", "world.items=200", "--workers", "0"];
const REPLAY = ["--data", TINY, "--components", "popularity,random", "--policies", "popularity,random,static,ema,thompson", "--window", "10"];
const slurmTask = (id: number, count: number, min = 0) => ({ SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_COUNT: String(count), SLURM_ARRAY_TASK_MIN: String(min), SLURM_ARRAY_TASK_MAX: String(min + count - 1) });
const text = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("the shard a command runs", () => {
  it("--shard wins; else a Slurm array task (from its lowest id) or a Kubernetes Indexed Job's index with its count", () => {
    expect(chooseShard("2/3", slurmTask(0, 5))).toEqual({ shard: { index: 2, count: 3 }, source: "flag" });
    expect(chooseShard(undefined, {})).toBeNull();
    expect([0, 1, 2].map((id) => chooseShard(undefined, slurmTask(id, 3))!.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    expect(chooseShard(undefined, slurmTask(4, 4, 1))).toEqual({ shard: { index: 4, count: 4 }, source: "slurm" });
    expect(chooseShard(undefined, { ...slurmTask(4, 3), SLURM_ARRAY_TASK_MAX: "4", SLURM_ARRAY_TASK_STEP: "2" })!.shard).toEqual({ index: 3, count: 3 });
    expect(chooseShard(undefined, { JOB_COMPLETION_INDEX: "0", DRIFT_LAB_SHARD_COUNT: "4" })).toEqual({ shard: { index: 1, count: 4 }, source: "kubernetes" });
  });

  it.each([
    [{ SLURM_ARRAY_TASK_ID: "1" }, "$SLURM_ARRAY_TASK_ID is set without $SLURM_ARRAY_TASK_COUNT: give --shard i/n"],
    [{ ...slurmTask(1, 3), SLURM_ARRAY_TASK_MAX: "7" }, "Slurm array task 1 (ids 0..7 step 1, 3 tasks) is not shard i of 3: submit the array as --array=0-2 (or 1-3), or give --shard i/n"],
    [{ ...slurmTask(1, 3), SLURM_ARRAY_TASK_ID: "x" }, "$SLURM_ARRAY_TASK_ID: expected a non-negative integer, got 'x'"],
    [{ JOB_COMPLETION_INDEX: "2" }, "$JOB_COMPLETION_INDEX is set without $DRIFT_LAB_SHARD_COUNT"],
    [{ JOB_COMPLETION_INDEX: "4", DRIFT_LAB_SHARD_COUNT: "4" }, "$JOB_COMPLETION_INDEX 4 is not below $DRIFT_LAB_SHARD_COUNT 4"],
    [{ ...slurmTask(0, 2), JOB_COMPLETION_INDEX: "0" }, "both $SLURM_ARRAY_TASK_ID and $JOB_COMPLETION_INDEX are set: give --shard i/n"],
  ])("refuses %j", (env, message) => {
    expect(() => chooseShard(undefined, env)).toThrow(message);
  });
});

describe("scheduler shards share one --out", () => {
  it("sweep: each array task writes DIR/shard-i-of-n, --merge DIR gives the unsharded sweep.csv, a missing shard is named", async () => {
    const shared = join(tempDir("shared"), "out");
    const local = tempDir("local");
    for (const id of [0, 2]) expect((await cli(["sweep", ...SWEEP, "--out", shared], { env: slurmTask(id, 3) })).code).toBe(0);
    const partial = await cliInProcess(["sweep", "--merge", shared, "--out", join(tempDir("m"), "merged")]);
    expectUsageError(partial, `--merge: shard 2/3 of the sweep is missing (given: 1/3, 3/3 from ${shared}/shard-1-of-3, ${shared}/shard-3-of-3)`);
    const r = await cli(["sweep", ...SWEEP, "--out", shared], { env: slurmTask(1, 3) });
    expect(r.stderr).toContain(`sweep: shard 2/3 (from the slurm array task) into ${shared}/shard-2-of-3`);
    expect((await cli(["sweep", ...SWEEP, "--out", local])).code).toBe(0);
    const merged = join(tempDir("m"), "merged");
    expect((await cliInProcess(["sweep", "--merge", shared, "--out", merged])).stdout).toMatch(/^merged 4 rows from 3 directories into .* \(complete\)/);
    expect(text(merged, "sweep.csv")).toBe(text(local, "sweep.csv"));
    const sessions = JSON.parse(text(merged, "sweep.json")).sessions;
    expect(sessions.map((s: { shard: { index: number }; job: string | null }) => [s.shard.index, s.job])).toEqual([[1, null], [2, null], [3, null]]);
    // a task of another split, or a shared directory holding anything else, is refused before any work
    expectUsageError(await cli(["sweep", ...SWEEP, "--out", shared], { env: slurmTask(0, 2) }), `--out ${shared}: holds shard-1-of-3, a shard of a 3-way split, and this slurm task is shard 1 of 2; use another --out`);
    writeFileSync(join(shared, "notes.txt"), "mine\n");
    expectUsageError(await cli(["sweep", ...SWEEP, "--out", shared], { env: slurmTask(0, 3) }), "holds 'notes.txt', which is not a shard-i-of-3 directory");
  }, 120_000);

  it("replay: shards split the policies (never the users), and merge to the tables of one replay of them all", async () => {
    const shared = join(tempDir("replay-shared"), "out");
    const local = tempDir("replay-local");
    expect((await cli(["replay", ...REPLAY, "--out", local])).code).toBe(0);
    for (const index of [1, 2, 3]) {
      const r = await cli(["replay", ...REPLAY, "--out", shared], { env: { JOB_COMPLETION_INDEX: String(index - 1), DRIFT_LAB_SHARD_COUNT: "3" } });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(text(join(shared, `shard-${index}-of-3`), "config.json")).shard).toEqual({ index, count: 3 });
    }
    // a resubmitted task keeps its finished shard
    const again = await cli(["replay", ...REPLAY, "--out", shared], { env: { JOB_COMPLETION_INDEX: "0", DRIFT_LAB_SHARD_COUNT: "3" } });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`replay: shard 1/3 is already in ${shared}/shard-1-of-3 (kept; --force runs it again)\n`);
    const merged = join(tempDir("replay-merged"), "merged");
    expect((await cliInProcess(["replay", "--merge", shared, "--out", merged])).stdout).toBe(`merged 5 policies from 3 shards into ${merged}\n`);
    for (const f of ["replay.csv", "weights.csv", "windows.csv", "held-out.csv", "differences.csv"]) expect(text(merged, f), f).toBe(text(local, f));
    // shard 3 holds static alone: the other policies' differences against it come from the merge
    expect(text(merged, "differences.csv").split("\n").filter((l) => l.includes(",static,")).length).toBe(4);
    const summary = (dir: string) => text(dir, "summary.csv").split("\n").map((l) => l.split(",").slice(0, 4).join(","));
    expect(summary(merged)).toEqual(summary(local));
    const config = JSON.parse(text(merged, "config.json"));
    expect(config.policies.map((p: { name: string }) => p.name)).toEqual(["popularity", "random", "static", "ema", "thompson"]);
    expect(config.shards.map((s: { policies: string[] }) => s.policies)).toEqual([["popularity", "ema"], ["random", "thompson"], ["static"]]);
    // a missing shard is named; more shards than policies is refused
    const two = join(tempDir("replay-two"), "out");
    expect((await cli(["replay", ...REPLAY, "--shard", "1/2", "--out", join(two, "a")])).code).toBe(0);
    expectUsageError(await cliInProcess(["replay", "--merge", join(two, "a"), "--out", join(two, "m")]), "--merge: shard 2/2 of the replay is missing (given: 1/2)");
    expectUsageError(await cli(["replay", ...REPLAY, "--shard", "6/6", "--out", join(two, "b")]), "replay: shard 6/6 has no policy: 5 policies (popularity, random, static, ema, thompson) split 6 ways; use at most 5 shards");
    expectUsageError(await cliInProcess(["replay", "--merge", local, "--out", join(two, "c")]), `--merge: ${local} is not a shard of a replay`);
  }, 120_000);
});

describe("drift-lab cluster", () => {
  const SMALL_SWEEP = ["--scenario", "baseline", "--grid", "alpha=0.1,0.5", "--seeds", "3", "--rounds", "4"];

  it("slurm --write-only: an array job whose tasks share DIR/shards, and a merge job to submit after it with afterany", async () => {
    const out = join(tempDir("cluster"), "study");
    const r = await cliInProcess(["cluster", "slurm", ...SMALL_SWEEP, "--tasks", "3", "--cpus-per-task", "2", "--partition", "lab", "--time", "10:00", "--out", out, "--write-only"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`submit: job=$(sbatch --parsable ${out}/jobs/sweep.sbatch) && sbatch --dependency=afterany:\${job%%;*} ${out}/jobs/merge.sbatch`);
    const array = text(join(out, "jobs"), "sweep.sbatch");
    for (const line of ["#SBATCH --array=0-2", `#SBATCH --output=${out}/logs/shard-%a.out`, "#SBATCH --cpus-per-task=2", "#SBATCH --mem=", "#SBATCH --partition=lab", "#SBATCH --time=10:00", `cd ${ROOT}`]) expect(array).toContain(line);
    expect(array).toMatch(/\nexec \S+ \S+\/bin\/drift-lab\.js sweep --scenario=baseline --grid=alpha=0\.1,0\.5 --rounds=4 --seeds=3 --workers=2 --out=\S+\/study\/shards\n$/);
    expect(text(join(out, "jobs"), "merge.sbatch")).toMatch(/\nexec \S+ \S+\/bin\/drift-lab\.js sweep --merge=\S+\/study\/shards --out=\S+\/study\/merged --force\n$/);
    // the script's command, run as task 1 of the array, is that shard
    const words = /\nexec \S+ \S+ (.*)\n$/.exec(array)![1].split(" ");
    const task = await cli(words, { env: slurmTask(1, 3) });
    expect(task.code, task.stderr).toBe(0);
    expect(JSON.parse(text(join(out, "shards", "shard-2-of-3"), "sweep.json"))).toMatchObject({ shard: { index: 2, count: 3 }, runs: 2, rows: 2, complete: true });
  }, 120_000);

  it("slurm submits the array, then the merge with afterany on the array's id; a missing or refusing sbatch is one line", async () => {
    const bin = tempDir("fake-sbatch");
    const calls = join(bin, "calls");
    // a stand-in sbatch: records its arguments, answers job ids 41 and 42 as --parsable does (id;cluster)
    writeFileSync(join(bin, "sbatch"), `#!/bin/sh\necho "$@" >> ${calls}\nn=$(wc -l < ${calls})\necho "$((40 + n));lab"\n`, { mode: 0o755 });
    const out = join(tempDir("cluster-submit"), "study");
    const r = await cli(["cluster", "slurm", ...SMALL_SWEEP, "--tasks", "2", "--out", out], { env: { PATH: `${bin}:${process.env.PATH}` } });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(calls, "utf8")).toBe(`--parsable ${out}/jobs/sweep.sbatch\n--parsable --dependency=afterany:41 ${out}/jobs/merge.sbatch\n`);
    expect(r.stdout).toBe(
      `submitted sweep array job 41 (2 tasks) and merge job 42 (runs when every task has ended)\nwatch:  squeue -j 41,42    (logs: ${out}/logs/)\n` +
        `result: ${out}/merged/sweep.csv (if a task fails, the merge job fails naming the missing shard: see ${out}/logs/merge.out)\n`,
    );
    writeFileSync(join(bin, "sbatch"), "#!/bin/sh\necho 'sbatch: error: invalid partition specified: gpu' >&2\nexit 1\n", { mode: 0o755 });
    expectUsageError(await cli(["cluster", "slurm", ...SMALL_SWEEP, "--tasks", "2", "--out", out], { env: { PATH: `${bin}:${process.env.PATH}` } }), `cluster slurm: sbatch ${out}/jobs/sweep.sbatch failed: sbatch: error: invalid partition specified: gpu`);
    expectUsageError(await cli(["cluster", "slurm", ...SMALL_SWEEP, "--tasks", "2", "--out", out], { env: { PATH: join(bin, "none") } }), "cluster slurm: sbatch is not on PATH");
  }, 60_000);

  it("kubernetes: an Indexed Job of K completions with the shard count in its env, and a merge Job", async () => {
    const mount = tempDir("k8s");
    const out = join(mount, "study");
    const r = await cliInProcess(["cluster", "kubernetes", ...SMALL_SWEEP, "--tasks", "3", "--image", "registry.example/drift-lab:1", "--claim", "lab-data", "--mount", mount, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`submit: kubectl apply -f ${out}/jobs/drift-lab-sweep.yaml`);
    const job = text(join(out, "jobs"), "drift-lab-sweep.yaml");
    for (const line of ["kind: Job", "  completionMode: Indexed", "  completions: 3", "  parallelism: 3", "  backoffLimitPerIndex: 1", "        onExitCodes: { containerName: shard, operator: In, values: [2] }", '          image: "registry.example/drift-lab:1"', "            - name: DRIFT_LAB_SHARD_COUNT", '              value: "3"', '            claimName: "lab-data"', `              mountPath: "${mount}"`]) {
      expect(job).toContain(line);
    }
    expect(job).toContain(`args: ["sweep", "--scenario=baseline", "--grid=alpha=0.1,0.5", "--rounds=4", "--seeds=3", "--workers=0", "--out=${out}/shards"]`);
    expect(text(join(out, "jobs"), "drift-lab-sweep-merge.yaml")).toContain(`args: ["sweep", "--merge=${out}/shards", "--out=${out}/merged", "--force"]`);
    expectUsageError(await cliInProcess(["cluster", "kubernetes", ...SMALL_SWEEP, "--tasks", "3", "--image", "x", "--claim", "y", "--mount", "/shared", "--out", out]), `--out ${out}: must be under --mount /shared`);
  });

  it.each([
    [["cluster", "pbs"], "cluster: expected slurm or kubernetes, got 'pbs'"],
    [["cluster", "slurm", "tune"], "cluster slurm: expected sweep or replay, got 'tune'"],
    [["cluster", "slurm", ...SMALL_SWEEP, "--out", "x"], "cluster: --tasks is required"],
    [["cluster", "slurm", ...SMALL_SWEEP, "--tasks", "7", "--out", "x", "--write-only"], "--tasks 7: the sweep has 6 runs, so at most 6 tasks have work"],
    [["cluster", "slurm", "--scenario", "baseline", "--grid", "alpha=0.1,abc", "--seeds", "2", "--tasks", "2", "--out", "x"], "policy.alpha"],
    [["cluster", "slurm", ...SMALL_SWEEP, "--tasks", "2", "--shard", "1/2", "--out", "x"], "cluster: unknown option --shard"],
    [["cluster", "slurm", "replay", ...REPLAY, "--tasks", "2", "--workers", "2", "--out", "x"], "cluster: --workers is for sweeps"],
    [["cluster", "slurm", ...SMALL_SWEEP, "--tasks", "2", "--partition", "a b", "--out", "x"], "--partition: expected letters"],
    [["cluster", "kubernetes", ...SMALL_SWEEP, "--tasks", "2", "--out", "x"], "cluster: --image is required"],
  ])("refuses %j in one line, before writing anything", async (args, message) => {
    const cwd = tempDir("cluster-bad");
    expectUsageError(await cli(args as string[], { cwd }), message);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("refuses a DIR holding anything but its jobs, logs, shards and merged directories", async () => {
    const out = tempDir("cluster-foreign");
    mkdirSync(join(out, "results"));
    expectUsageError(await cliInProcess(["cluster", "slurm", ...SMALL_SWEEP, "--tasks", "2", "--out", out, "--write-only"]), `--out ${out}: holds 'results'; a cluster job's directory holds only jobs, logs, shards, merged`);
  });
});

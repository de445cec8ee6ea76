import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { LLM_FLAGS, LLM_FLAGS_HELP } from "../llm/session.js";
import { checkMemory, MEMORY_HELP, memoryLimit } from "../memory.js";
import { manifestOf } from "../sweep/identity.js";
import { mergeSweeps } from "../sweep/merge.js";
import { chooseShard, SHARD_HELP, shardOutput } from "../scheduler.js";
import { parseSeeds, shardTasks, taskKey } from "../sweep/plan.js";
import { SweepStore } from "../sweep/store.js";
import { executeTasks, PLAN_FLAGS, planOrThrow, sweepPlanFromFlags, validatePlan, workersFrom } from "../sweep/sweep.js";

export const SWEEP_HELP = `drift-lab sweep --scenario S --grid key=v1,v2,... [--grid ...] --seeds N [--rounds N] [--set key=value]... [--workers N] [--shard i/n] [--max-memory SIZE] --out DIR [--force]

Runs every grid point × seeds 1..N (or --seeds a-b, --seeds a,b,c) in parallel worker threads and writes one row
per run to DIR/sweep.csv: the grid values (one column per --grid key, as written), seed, then ctr, conversion,
precision, recall, ndcg, hit_rate, map, regret, ild, coverage, gini, novelty (means over rounds),
ctr_second_half, ndcg_second_half, volatility (Σ|Δπ|), oscillation (sign changes of Δπ), collapse (rounds with a
weight above 0.95), recovery (rounds to get CTR back to 90 % after the first scheduled shift; empty when it never
came back), recovered (true/false: a run that never came back is censored, its recovery is only known to exceed
recovery_window, the longest recovery the run could show), recovery_window and ctr_after_shift (all four empty
when the scenario has no shift), tracking_error (the content component's user profiles: mean 1 − cosine to the
true interest; a random profile scores 1), weights (final blend weights), and for policy.kind=llm llm_calls,
llm_fallbacks, llm_prompt_tokens, llm_completion_tokens, llm_latency_ms (total latency of the calls: timing; a
replay reports the recorded latency).
Summarise recovery with drift-lab compare (share recovered, Kaplan–Meier median), never with a plain mean.
A run whose weights diverge gets empty metrics and weights 'diverged at round R'.
With policy.kind=llm every run's calls are appended to DIR/llm-transcript.jsonl as the run finishes.
${LLM_FLAGS_HELP}

Grid keys are dotted scenario paths (policy.alpha, world.drift.shift.fraction, ...) or the short names alpha,
beta, history, kind (policy.kind), level, temperature, floor, normalise (policy.simplex.kind), maxStep, credit,
diversity, components, k. A list value takes '+': --grid components=popularity+random,popularity+item-cf.

Resumable: rows are keyed by grid values + seed. Run the same command again after an interruption and only the
missing runs execute; a torn last line is dropped and rerun; no row is ever written twice. DIR/sweep.json records
the sweep's identity (a hash of the resolved scenario and the grid's keys), its grid values and seeds, and whether
every run is in sweep.csv (written last). The grid and seeds may grow between runs; a sweep of another identity
(an edited scenario file, another --set or --rounds) is refused, naming the first difference. DIR is locked while
the sweep runs: a second sweep into it is refused at once. A DIR holding anything but this sweep is refused unless
--force, which starts over (replacing only the lab's own outputs).
--workers N (default: cores − 1, at least 1; 0 runs in this thread; at most 64).
--seeds: at most 100,000 seeds; grid points × seeds at most 1,000,000 runs.
${SHARD_HELP}
The n shards of a plan's runs are disjoint and together cover it, so a batch scheduler can run them on n machines
(drift-lab cluster writes the jobs). --shard i/n writes its own --out.
Merge the shard directories with
  drift-lab sweep --merge DIR1,DIR2,... --out DIR [--force]
(a DIR holding shard-i-of-n directories stands for them), which refuses sources of different identities, an
incomplete source, a missing shard (naming it) and a run whose results differ between sources, and writes sweep.csv
in plan order with a sweep.json listing the sources and where and when each ran (sessions: host, start, end, job),
and the sources' llm-transcript.jsonl concatenated (lookups go by key).
${MEMORY_HELP}
Progress with an ETA goes to stderr.`;

export const SWEEP_FLAGS: FlagSpec = { ...PLAN_FLAGS, seeds: "string", shard: "string", merge: "string", out: "string", ...LLM_FLAGS };

export async function sweepCommand(flags: Flags): Promise<void> {
  const merge = flags.string("merge");
  if (merge !== undefined) {
    const out = flags.required("out", "the directory for the merged sweep.csv");
    const force = flags.bool("force");
    flags.done();
    const dirs = merge.split(",").map((d) => d.trim()).filter(Boolean);
    const { rows, duplicates, manifest } = mergeSweeps(dirs, out, { force });
    const state = manifest.complete ? "complete" : `${manifest.runs - rows} of the ${manifest.runs} runs of its grid × seeds are in no source`;
    process.stdout.write(`merged ${rows} rows from ${manifest.sources?.length ?? dirs.length} directories into ${out}/sweep.csv (${state})${duplicates ? `; ${duplicates} rows were in more than one source, identical, kept once` : ""}\n`);
    return;
  }
  const plan = sweepPlanFromFlags(flags);
  const seeds = parseSeeds(flags.required("seeds", "a count N: seeds 1..N"), "seeds", true);
  const workers = workersFrom(flags, Math.max(1, availableParallelism() - 1));
  const shardFlag = flags.string("shard");
  const shared = flags.required("out", "the output directory");
  const force = flags.bool("force");
  const limit = memoryLimit(flags);
  const llm = { transcript: flags.string("llm-transcript"), fill: flags.bool("llm-fill") };
  flags.done();
  if (plan.axes.length === 0) throw new UsageError("sweep: --grid is required (key=v1,v2,...; repeatable)");
  const choice = chooseShard(shardFlag);
  const shard = choice?.shard ?? null;
  const out = shardOutput(shared, choice);
  if (choice && choice.source !== "flag") process.stderr.write(`sweep: shard ${shard!.index}/${shard!.count} (from the ${choice.source} array task) into ${out}\n`);
  let tasks = planOrThrow(plan, seeds);
  if (shard) tasks = shardTasks(tasks, shard);
  const { base, points } = validatePlan(plan, tasks);
  checkMemory(points, { limit, workers: Math.min(workers, tasks.length) });
  const manifest = manifestOf({ scenario: plan.scenario, sets: plan.sets, axes: plan.axes, seeds, shard, config: base, tasks });
  const store = new SweepStore(out, plan.columns, manifest, { force, command: "drift-lab sweep" });
  const transcript = join(out, "llm-transcript.jsonl");
  let result: Awaited<ReturnType<typeof executeTasks>>;
  try {
    result = await executeTasks(plan, tasks, { workers, store, label: `sweep ${plan.scenario}`, llm, transcript });
  } finally {
    try {
      store.finish(tasks.map((t) => taskKey(t.values, t.seed)));
    } finally {
      store.close();
    }
  }
  const { ran, skipped } = result;
  process.stdout.write(
    `${ran} runs done${skipped ? `, ${skipped} already in ${store.path}` : ""}${store.dropped ? ` (${store.dropped} torn or repeated lines dropped)` : ""}; ${store.path}\n`,
  );
}

import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { parseSeeds, parseShard, shardTasks } from "../sweep/plan.js";
import { mergeSweeps, SweepStore } from "../sweep/store.js";
import { LLM_FLAGS, LLM_FLAGS_HELP } from "../llm/session.js";
import { executeTasks, PLAN_FLAGS, planOrThrow, sweepPlanFromFlags, validatePlan, workersFrom } from "../sweep/sweep.js";

export const SWEEP_HELP = `drift-lab sweep --scenario S --grid key=v1,v2,... [--grid ...] --seeds N [--rounds N] [--set key=value]... [--workers N] [--shard i/n] --out DIR

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
missing runs execute; a torn last line is dropped and rerun; no row is ever written twice. The grid and seeds
may grow between runs; a different scenario, --set or --rounds for the same DIR is refused (DIR/sweep.json).
--workers N (default: cores − 1, at least 1; 0 runs in this thread).
--shard i/n runs only every n-th run of the plan starting at the i-th (1 ≤ i ≤ n): the n shards are disjoint
and together cover the plan, so a batch scheduler can run them on n machines, each with its own --out.
Merge the shard directories with
  drift-lab sweep --merge DIR1,DIR2,... --out DIR
(rows kept once per key; headers must agree), or by hand: (head -1 DIR1/sweep.csv; tail -q -n +2 DIR*/sweep.csv) > all.csv.
Transcripts merge by concatenation (lookups go by key): cat DIR*/llm-transcript.jsonl > all.jsonl.
Progress with an ETA goes to stderr.`;

export const SWEEP_FLAGS: FlagSpec = { ...PLAN_FLAGS, seeds: "string", shard: "string", merge: "string", out: "string", ...LLM_FLAGS };

export async function sweepCommand(flags: Flags): Promise<void> {
  const merge = flags.string("merge");
  if (merge !== undefined) {
    const out = flags.required("out", "the directory for the merged sweep.csv");
    flags.done();
    const { rows, duplicates } = mergeSweeps(
      merge.split(",").map((d) => d.trim()).filter(Boolean),
      out,
    );
    process.stdout.write(`merged ${rows} rows into ${out}/sweep.csv${duplicates ? ` (${duplicates} duplicate rows dropped)` : ""}\n`);
    return;
  }
  const plan = sweepPlanFromFlags(flags);
  const seeds = parseSeeds(flags.required("seeds", "a count N: seeds 1..N"), "seeds", true);
  const workers = workersFrom(flags, Math.max(1, availableParallelism() - 1));
  const shardFlag = flags.string("shard");
  const out = flags.required("out", "the output directory");
  const llm = { transcript: flags.string("llm-transcript"), fill: flags.bool("llm-fill") };
  flags.done();
  if (plan.axes.length === 0) throw new UsageError("sweep: --grid is required (key=v1,v2,...; repeatable)");
  let tasks = planOrThrow(plan, seeds);
  if (shardFlag !== undefined) tasks = shardTasks(tasks, parseShard(shardFlag));
  validatePlan(plan, tasks);
  const store = new SweepStore(out, plan.columns, { scenario: plan.scenario, sets: plan.sets, rounds: plan.rounds, grid: plan.axes.map((a) => a.key) });
  const transcript = join(out, "llm-transcript.jsonl");
  const { ran, skipped } = await executeTasks(plan, tasks, { workers, store, label: `sweep ${plan.scenario}`, llm, transcript });
  process.stdout.write(
    `${ran} runs done${skipped ? `, ${skipped} already in ${store.path}` : ""}${store.dropped ? ` (${store.dropped} torn or repeated lines dropped)` : ""}; ${store.path}\n`,
  );
}

import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { type ScenarioConfig, splitCsvLine } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { makeDirectory } from "../directories.js";
import { DirectoryLock, LOCK_FILE } from "../lock.js";
import { checkMemory, MEMORY_HELP, memoryLimit } from "../memory.js";
import { checkReplaceable, occupants, writeAtomic } from "../output.js";
import { OUTPUT_FILES } from "../outputs.js";
import { manifestOf } from "../sweep/identity.js";
import { parseSeeds, planTasks, taskKey, type SweepTask } from "../sweep/plan.js";
import { SWEEP_METRICS } from "../sweep/row.js";
import { SweepStore } from "../sweep/store.js";
import { executeTasks, PLAN_FLAGS, sweepPlanFromFlags, validatePlan, workersFrom, type SweepPlan } from "../sweep/sweep.js";

export const TUNE_HELP = `drift-lab tune --scenario S --grid key=v1,v2,... [--grid ...] --validation-seeds SEEDS --test-seeds SEEDS --objective [-]METRIC [--rounds N] [--set key=value]... [--workers N] [--max-memory SIZE] [--out DIR [--force]]

The seeds' protocol: runs every grid point on the validation seeds, chooses the point with the best mean
objective there, then runs only the chosen point on the test seeds and reports it. SEEDS: a range a-b or a list
a,b,c; the two sets must not overlap. --objective is a sweep.csv metric (ctr, ndcg, ctr_after_shift,
ctr_second_half, ...), maximised; prefix '-' (or 'min:') to minimise, e.g. --objective -volatility.
Prints the validation table (mean ± sd per grid point, the chosen one marked) and the test table.
With --out DIR, keeps DIR/validation/sweep.csv and DIR/test/sweep.csv (resumable, as in sweep) and writes
DIR/tune.json (the choice, validation and test means); with policy.kind=llm, the calls go to
DIR/validation/llm-transcript.jsonl and DIR/test/llm-transcript.jsonl. DIR is locked while tune runs (a second tune
into it is refused at once); a DIR holding other files is refused unless --force, which starts over (replacing only
the lab's own outputs). Grid keys as in drift-lab sweep.
${MEMORY_HELP}`;

/** Columns that are not a number per run: recovery is censored (a run that never recovers has none). */
const NOT_AVERAGED = ["weights", "recovery", "recovered", "recovery_window"];
const NUMERIC = SWEEP_METRICS.filter((m) => !NOT_AVERAGED.includes(m)) as string[];

export interface Objective {
  metric: string;
  sign: 1 | -1;
}

export function parseObjective(text: string): Objective {
  const minimise = text.startsWith("-") || text.startsWith("min:");
  const metric = text.replace(/^(-|min:|max:)/, "");
  if (metric === "recovery") {
    throw new UsageError(`--objective: 'recovery' is censored (runs that never recover have no value to average); choose on ctr_after_shift, and read recovery with drift-lab compare (share recovered, Kaplan–Meier median)`);
  }
  if (!NUMERIC.includes(metric)) throw new UsageError(`--objective: unknown metric '${metric}' (allowed: ${NUMERIC.join(", ")}; prefix '-' to minimise)`);
  return { metric, sign: minimise ? -1 : 1 };
}

export interface Stat {
  mean: number;
  sd: number;
  n: number;
}

/** Mean and sample standard deviation of the finite values. */
export function stat(values: number[]): Stat {
  const v = values.filter(Number.isFinite);
  const n = v.length;
  const mean = n ? v.reduce((s, x) => s + x, 0) / n : Number.NaN;
  const sd = n > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

const fmt = (s: Stat) => (Number.isFinite(s.mean) ? `${s.mean.toFixed(4)} ± ${s.sd.toFixed(4)}` : "—");

export interface PointResult {
  values: string[];
  stats: Record<string, Stat>;
}

/** Groups lines of sweep.csv by grid point and summarises each metric. */
export function summarisePoints(plan: SweepPlan, tasks: SweepTask[], lines: Map<number, string>): PointResult[] {
  const width = plan.axes.length + 1;
  const groups = new Map<string, { values: string[]; rows: string[][] }>();
  for (const t of tasks) {
    const line = lines.get(t.index);
    if (line === undefined) continue;
    const id = JSON.stringify(t.values);
    if (!groups.has(id)) groups.set(id, { values: t.values, rows: [] });
    groups.get(id)!.rows.push(splitCsvLine(line.replace(/\n$/, ""), "sweep.csv", 0));
  }
  return [...groups.values()].map(({ values, rows }) => ({
    values,
    stats: Object.fromEntries(
      NUMERIC.map((m) => {
        // the metric's own column of sweep.csv (NUMERIC leaves some columns out)
        const column = width + SWEEP_METRICS.indexOf(m);
        return [m, stat(rows.map((r) => (r[column] === "" ? Number.NaN : Number(r[column]))))];
      }),
    ),
  }));
}

/** The point with the best mean objective (ties: the first in grid order). */
export function choose(points: PointResult[], objective: Objective): PointResult {
  let best: PointResult | null = null;
  for (const p of points) {
    const v = p.stats[objective.metric].mean;
    if (!Number.isFinite(v)) continue;
    if (!best || objective.sign * v > objective.sign * best.stats[objective.metric].mean) best = p;
  }
  if (!best) throw new UsageError(`--objective: no grid point has a value of '${objective.metric}' (does the scenario have a shift?)`);
  return best;
}

function table(plan: SweepPlan, points: PointResult[], metrics: string[], chosen?: PointResult): string {
  const header = [...plan.axes.map((a) => a.key), ...metrics, ""];
  const rows = points.map((p) => [...p.values, ...metrics.map((m) => fmt(p.stats[m])), p === chosen ? "← chosen" : ""]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(widths[j])).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

interface SetOptions {
  workers: number;
  /** The set's sweep directory (DIR/validation, DIR/test), resumable; none without --out. */
  dir?: string;
  base: ScenarioConfig;
  seeds: number[];
  label: string;
}

async function runSet(plan: SweepPlan, tasks: SweepTask[], o: SetOptions) {
  const manifest = manifestOf({ scenario: plan.scenario, sets: plan.sets, axes: plan.axes, seeds: o.seeds, shard: null, config: o.base, tasks });
  const store = o.dir ? new SweepStore(o.dir, plan.columns, manifest, { force: false, command: "drift-lab tune", flag: "--out" }) : undefined;
  let lines: Map<number, string>;
  try {
    ({ lines } = await executeTasks(plan, tasks, { workers: o.workers, store, label: o.label, transcript: o.dir ? join(o.dir, "llm-transcript.jsonl") : undefined }));
    if (store) {
      const rows = store.rows();
      for (const t of tasks) {
        const line = rows.get(taskKey(t.values, t.seed));
        if (line && !lines.has(t.index)) lines.set(t.index, line);
      }
    }
  } finally {
    try {
      store?.finish(tasks.map((t) => taskKey(t.values, t.seed)));
    } finally {
      store?.close();
    }
  }
  return summarisePoints(plan, tasks, lines);
}

/**
 * Claims a tune directory: locked for the command's duration; resumed when it holds only a tune's outputs
 * (validation/, test/, tune.json), cleared with --force when it holds other outputs of the lab, refused otherwise.
 */
function claimTuneDirectory(out: string, force: boolean): DirectoryLock {
  makeDirectory(out, "--out");
  const lock = DirectoryLock.acquire(out, "drift-lab tune");
  try {
    const entries = (occupants(out, "--out") ?? []).filter((e) => e !== LOCK_FILE);
    const own = entries.every((e) => OUTPUT_FILES.tune.includes(e));
    if (entries.length > 0 && (force || !own)) {
      checkReplaceable(out, entries, { force });
      for (const entry of entries) rmSync(join(out, entry), { recursive: true, force: true });
    }
  } catch (e) {
    lock.release();
    throw e;
  }
  return lock;
}

export const TUNE_FLAGS: FlagSpec = { ...PLAN_FLAGS, "validation-seeds": "string", "test-seeds": "string", objective: "string", out: "string" };

export async function tuneCommand(flags: Flags): Promise<void> {
  const plan = sweepPlanFromFlags(flags);
  const validation = parseSeeds(flags.required("validation-seeds", "a range a-b or a list a,b,c"), "validation-seeds");
  const test = parseSeeds(flags.required("test-seeds", "a range a-b or a list a,b,c"), "test-seeds");
  const objective = parseObjective(flags.required("objective", "a metric of sweep.csv, e.g. ctr; prefix '-' to minimise"));
  const workers = workersFrom(flags, Math.max(1, availableParallelism() - 1));
  const out = flags.string("out");
  const force = flags.bool("force");
  const limit = memoryLimit(flags);
  flags.done();
  if (plan.axes.length === 0) throw new UsageError("tune: --grid is required (key=v1,v2,...; repeatable)");
  const overlap = validation.filter((s) => test.includes(s));
  if (overlap.length) throw new UsageError(`--test-seeds: must not overlap --validation-seeds (both have ${overlap.join(", ")})`);
  const tasks = planTasks(plan.axes, validation);
  const { base, points: configs } = validatePlan(plan, tasks);
  checkMemory(configs, { limit, workers: Math.min(workers, Math.max(tasks.length, test.length)) });
  const lock = out ? claimTuneDirectory(out, force) : undefined;
  try {
    await tune(plan, { tasks, base, validation, test, objective, workers, out });
  } finally {
    lock?.release();
  }
}

interface TuneOptions {
  tasks: SweepTask[];
  base: ScenarioConfig;
  validation: number[];
  test: number[];
  objective: Objective;
  workers: number;
  out?: string;
}

async function tune(plan: SweepPlan, { tasks, base, validation, test, objective, workers, out }: TuneOptions): Promise<void> {
  const points = await runSet(plan, tasks, { workers, dir: out && join(out, "validation"), base, seeds: validation, label: "tune: validation" });
  const best = choose(points, objective);
  const testPlan: SweepPlan = { ...plan, axes: plan.axes.map((a, j) => ({ ...a, values: [best.values[j]] })) };
  const [tested] = await runSet(testPlan, planTasks(testPlan.axes, test), { workers, dir: out && join(out, "test"), base, seeds: test, label: "tune: test" });
  const shown = [...new Set([objective.metric, "ctr", "ndcg", "volatility"])];
  const goal = `${objective.sign > 0 ? "max" : "min"} ${objective.metric}`;
  if (out) {
    writeAtomic(
      join(out, "tune.json"),
      JSON.stringify(
        {
          scenario: plan.scenario,
          objective: goal,
          chosen: Object.fromEntries(plan.axes.map((a, j) => [a.key, best.values[j]])),
          validation: { seeds: validation, points: points.map((p) => ({ values: p.values, stats: p.stats })) },
          test: { seeds: test, stats: tested.stats },
        },
        null,
        2,
      ) + "\n",
    );
  }
  process.stdout.write(`Validation (seeds ${validation.join(",")}; ${goal}), mean ± sd:\n`);
  process.stdout.write(table(plan, points, shown, best));
  process.stdout.write(`\nChosen: ${plan.axes.map((a, j) => `${a.key}=${best.values[j]}`).join(" ")}\n`);
  process.stdout.write(`\nTest (seeds ${test.join(",")}), mean ± sd:\n`);
  process.stdout.write(table(testPlan, [tested], shown));
  const v = best.stats[objective.metric].mean;
  const t = tested.stats[objective.metric].mean;
  process.stdout.write(`\n${objective.metric}: validation ${v.toFixed(4)}, test ${t.toFixed(4)} (the point was chosen on validation, so its validation figure tends to flatter it: report the test one)\n`);
}

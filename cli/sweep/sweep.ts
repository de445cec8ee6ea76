import { appendFileSync } from "node:fs";
import { formatExchange, type ScenarioConfig } from "../../lib/index.js";
import type { Flags, FlagSpec } from "../args.js";
import { UsageError } from "../args.js";
import { loadScenario } from "../files.js";
import { io } from "../io-error.js";
import type { LlmFlags } from "../llm/session.js";
import { Progress } from "../progress.js";
import { parseGrid, planTasks, type GridAxis, type SweepTask } from "./plan.js";
import { runPool } from "./pool.js";
import { sweepColumns } from "./row.js";
import type { SweepStore } from "./store.js";
import type { RunRequest } from "./task.js";

export interface SweepPlan {
  scenario: string;
  /** The sweep's own --set assignments (and run.rounds when --rounds is given). */
  sets: string[];
  rounds: number | null;
  axes: GridAxis[];
  columns: string[];
}

/** --scenario, --grid (repeatable), --rounds, --set, --workers, --max-memory, --force: shared by sweep and tune. */
export const PLAN_FLAGS: FlagSpec = { scenario: "string", grid: "multiple", rounds: "string", set: "multiple", workers: "string", "max-memory": "string", force: "boolean" };

/** --scenario, --grid (repeatable), --rounds, --set: shared by sweep and tune. */
export function sweepPlanFromFlags(flags: Flags): SweepPlan {
  const scenario = flags.required("scenario", "a built-in name or a JSON file");
  const axes = parseGrid(flags.all("grid"));
  const rounds = flags.integer("rounds", 1) ?? null;
  const sets = flags.all("set");
  if (rounds !== null) sets.push(`run.rounds=${rounds}`);
  return { scenario, sets, rounds, axes, columns: sweepColumns(axes.map((a) => a.key)) };
}

/**
 * Resolves every grid point once (seed aside) so that a bad value fails before any worker starts; returns them
 * (for the memory check) and the scenario with the sweep's own --set alone (what sweep.json records).
 */
export function validatePlan(plan: SweepPlan, tasks: SweepTask[]): { base: ScenarioConfig; points: ScenarioConfig[] } {
  const base = loadScenario(plan.scenario, plan.sets);
  const points = new Map<string, ScenarioConfig>();
  for (const t of tasks) {
    const id = t.sets.join("\n");
    if (!points.has(id)) points.set(id, loadScenario(plan.scenario, [...plan.sets, ...t.sets]));
  }
  return { base, points: [...points.values()] };
}

export function requestOf(plan: SweepPlan, t: SweepTask, llm?: LlmFlags): RunRequest {
  return { id: t.index, scenario: plan.scenario, sets: [...plan.sets, ...t.sets, `run.seed=${t.seed}`], key: [...t.values, String(t.seed)], llm };
}

export interface ExecuteOptions {
  workers: number;
  store?: SweepStore;
  label?: string;
  quiet?: boolean;
  /** policy.kind=llm: --llm-transcript and --llm-fill for every run. */
  llm?: LlmFlags;
  /** Appends every run's exchanges here as the run finishes (the sweep's llm-transcript.jsonl). */
  transcript?: string;
}

/**
 * Runs the tasks not yet in the store, appending each finished row as it arrives, and returns every line
 * produced in this call by task index. With a store, a task already present is skipped.
 */
export async function executeTasks(plan: SweepPlan, tasks: SweepTask[], o: ExecuteOptions): Promise<{ ran: number; skipped: number; lines: Map<number, string> }> {
  const todo = o.store ? tasks.filter((t) => !o.store!.has(t.values, t.seed)) : tasks;
  const lines = new Map<number, string>();
  const byIndex = new Map(tasks.map((t) => [t.index, t]));
  const progress = o.quiet ? null : new Progress(todo.length, o.label ?? "sweep");
  let finished = 0;
  progress?.tick(0);
  await runPool(
    todo.map((t) => requestOf(plan, t, o.llm)),
    o.workers,
    (request, { line, exchanges }) => {
      const t = byIndex.get(request.id)!;
      if (o.transcript && exchanges.length) io("append to", o.transcript, () => appendFileSync(o.transcript!, exchanges.map(formatExchange).join("")));
      o.store?.append(t.values, t.seed, line);
      lines.set(t.index, line);
      progress?.tick(++finished, `seed ${t.seed}${t.values.length ? " " + t.values.join(" ") : ""}`);
    },
  );
  return { ran: todo.length, skipped: tasks.length - todo.length, lines };
}

/** The most worker threads a sweep starts: each holds a run and a copy of the modules (about 140 MB before its run). */
export const MAX_WORKERS = 64;

export function workersFrom(flags: Flags, defaultWorkers: number): number {
  const w = flags.integer("workers", 0, MAX_WORKERS);
  return w ?? defaultWorkers;
}

export function planOrThrow(plan: SweepPlan, seeds: number[]): SweepTask[] {
  if (seeds.length === 0) throw new UsageError("no seeds to run");
  return planTasks(plan.axes, seeds);
}

/**
 * Sweep scaling (issue 4): the same 24-run sweep (kind static, ema, exp3 × α 0.05, 0.1 × seeds 1–4, baseline at
 * 200 users × 600 items × 80 rounds) on 1 worker thread and on 2, wall time of each and the speed-up, which
 * should be at least 1.7×. The machine's 1-minute load average is printed before each: on a machine shared with
 * other work, a load above ~0.5 means the second core was not free and the ratio understates the scaling.
 * `npx tsx bench/sweep.bench.ts` runs it alone.
 */
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { parseGrid, planTasks } from "../cli/sweep/plan.js";
import { sweepColumns } from "../cli/sweep/row.js";
import { executeTasks, type SweepPlan } from "../cli/sweep/sweep.js";

const AXES = parseGrid(["kind=static,ema,exp3", "alpha=0.05,0.1"]);
const PLAN: SweepPlan = {
  scenario: "baseline",
  sets: ["world.users=200", "world.items=600", "run.rounds=80"],
  rounds: 80,
  axes: AXES,
  columns: sweepColumns(AXES.map((a) => a.key)),
};

export async function timeSweep(workers: number): Promise<{ seconds: number; load: number; rows: number }> {
  const tasks = planTasks(PLAN.axes, [1, 2, 3, 4]);
  const load = loadavg()[0];
  const started = performance.now();
  const { lines } = await executeTasks(PLAN, tasks, { workers, quiet: true });
  return { seconds: (performance.now() - started) / 1000, load, rows: lines.size };
}

export async function run(): Promise<{ one: number; two: number; ratio: number }> {
  const one = await timeSweep(1);
  console.log(`1 worker : ${one.rows} runs in ${one.seconds.toFixed(1)} s (load before ${one.load.toFixed(2)})`);
  const two = await timeSweep(2);
  console.log(`2 workers: ${two.rows} runs in ${two.seconds.toFixed(1)} s (load before ${two.load.toFixed(2)})`);
  const ratio = one.seconds / two.seconds;
  console.log(`speed-up : ${ratio.toFixed(2)}× (target ≥ 1.7×)${ratio < 1.7 ? " — below target; check the load figures" : ""}`);
  return { one: one.seconds, two: two.seconds, ratio };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();

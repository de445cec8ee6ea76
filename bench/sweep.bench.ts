/**
 * Sweep scaling (issue 4): the same 24-run sweep (kind static, ema, exp3 × α 0.05, 0.1 × seeds 1–4 of the
 * baseline scenario as shipped: 300 users × 1,000 items × 150 rounds, about 1 s a run) on 1 worker thread and
 * on 2: the wall time of each and the speed-up, which should be at least 1.7×. Each worker pays about a second
 * to start (tsx registers and compiles the modules in its thread), which is what keeps the ratio below 2. The machine's 1-minute load average is printed before each: on a machine shared with
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
  sets: [],
  rounds: null,
  axes: AXES,
  columns: sweepColumns(AXES.map((a) => a.key)),
};

/** Wall seconds, the 1-minute load average before, and the process's CPU seconds (all threads) over the sweep. */
export async function timeSweep(workers: number): Promise<{ seconds: number; cpu: number; load: number; rows: number }> {
  const tasks = planTasks(PLAN.axes, [1, 2, 3, 4]);
  const load = loadavg()[0];
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const { lines } = await executeTasks(PLAN, tasks, { workers, quiet: true });
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6, load, rows: lines.size };
}

export async function run(): Promise<{ one: number; two: number; ratio: number }> {
  const one = await timeSweep(1);
  const line = (label: string, t: Awaited<ReturnType<typeof timeSweep>>) =>
    console.log(`${label}: ${t.rows} runs in ${t.seconds.toFixed(1)} s, ${t.cpu.toFixed(1)} CPU s (${(t.cpu / t.seconds).toFixed(2)} cores busy; load before ${t.load.toFixed(2)})`);
  line("1 worker ", one);
  const two = await timeSweep(2);
  line("2 workers", two);
  const ratio = one.seconds / two.seconds;
  console.log(`speed-up : ${ratio.toFixed(2)}× (target ≥ 1.7×)${ratio < 1.7 ? " — below target; check the load figures" : ""}`);
  return { one: one.seconds, two: two.seconds, ratio };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();

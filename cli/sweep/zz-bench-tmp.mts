import { parseGrid, planTasks } from "./plan.ts";
import { sweepColumns } from "./row.ts";
import { executeTasks } from "./sweep.ts";
import { loadavg } from "node:os";
const axes = parseGrid(["kind=static,ema,exp3", "alpha=0.05,0.1"]);
const plan = { scenario: "baseline", sets: ["run.rounds=300"], rounds: 300, axes, columns: sweepColumns(axes.map((a) => a.key)) };
const res: number[] = [];
for (const workers of [1, 2]) {
  const l = loadavg()[0];
  const t0 = performance.now(); const c0 = process.cpuUsage();
  await executeTasks(plan as never, planTasks(axes, [1, 2, 3, 4]), { workers, quiet: true });
  const c = process.cpuUsage(c0); const s = (performance.now() - t0) / 1000; res.push(s);
  console.log("workers", workers, s.toFixed(1), "s", ((c.user + c.system) / 1e6 / s).toFixed(2), "cores, load before", l.toFixed(2));
}
console.log("ratio", (res[0] / res[1]).toFixed(2));

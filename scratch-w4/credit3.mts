import { setupBackend } from "../cli/backend.ts";
import { loadScenario, loadVocabulary } from "../cli/files.ts";
import { Simulation } from "../lib/simulation/simulation.ts";
import { PositionBaseline } from "../lib/weighting/credit.ts";
await setupBackend();
const [file, ...sets] = process.argv.slice(2);
const config = loadScenario(file, sets);
const sim = new Simulation(config, loadVocabulary(config.world.topics));
const K = sim.names.length;
const base = new PositionBaseline(64);
const variants: Record<string, (s: number) => number> = {
  linear: (s) => 2 * s - 1,
  pow10: (s) => 2 * s ** 10 - 1,
  pow50: (s) => 2 * s ** 50 - 1,
  pow200: (s) => 2 * s ** 200 - 1,
};
const sums: Record<string, Float64Array> = Object.fromEntries([...Object.keys(variants), "owner"].map((v) => [v, new Float64Array(K)]));
let n = 0;
const orig = sim.policy.update.bind(sim.policy);
(sim.policy as any).update = (round: number, fb: any[]) => {
  if (base.empty) for (const f of fb) base.update(f.rewards);
  const b = base.values();
  for (const f of fb) {
    const L = f.rewards.length;
    for (const [name, g] of Object.entries(variants)) for (let k = 0; k < K; k++) { let s = 0; for (let i = 0; i < L; i++) s += (f.rewards[i] - b[i]) * g(f.scores[i * K + k]); sums[name][k] += s / L; }
    for (let i = 0; i < L; i++) { let best = 0; for (let k = 1; k < K; k++) if (f.scores[i * K + k] > f.scores[i * K + best]) best = k; sums.owner[best] += (f.rewards[i] - b[i]) / L; }
    n++;
  }
  for (const f of fb) base.update(f.rewards);
  return orig(round, fb);
};
while (!sim.done) sim.step();
console.log(sim.names.join(" "));
for (const [name, s] of Object.entries(sums)) console.log(name.padEnd(8), Array.from(s).map((v) => (v / n).toFixed(4)).join(" "));
sim.dispose();

import { setupBackend } from "../cli/backend.ts";
import { loadScenario, loadVocabulary } from "../cli/files.ts";
import { Simulation } from "../lib/simulation/simulation.ts";
await setupBackend();
const [file, ...sets] = process.argv.slice(2);
const config = loadScenario(file, sets);
const sim = new Simulation(config, loadVocabulary(config.world.topics));
const K = sim.names.length;
const sum = new Float64Array(K); let n = 0;
const orig = sim.policy.update.bind(sim.policy);
let ctr = 0;
(sim.policy as any).update = (round: number, fb: any[]) => { const c = orig(round, fb); for (const r of c) { for (let k = 0; k < K; k++) sum[k] += r[k]; n++; } return c; };
let rounds = 0;
while (!sim.done) { const r = sim.step(); ctr += r.metrics.ctr; rounds++; if (r.round % 20 === 0) console.log(r.round, "ctr", r.metrics.ctr.toFixed(3), "pi", Array.from(r.weights).map(v => v.toFixed(3)).join(" "), "mean credit", Array.from(sum).map(v => (v / n).toFixed(4)).join(" ")); }
console.log("ctr", (ctr / rounds).toFixed(4));
sim.dispose();

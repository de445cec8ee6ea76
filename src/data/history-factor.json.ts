/**
 * The source articles' history coefficient H, in the lab's own runs: seed-history (their second form) at their starting
 * values α = 0.05, H = 0.8 against α = 0.04, H = 1 (the same product α·H) on abrupt-shift at the site size, on the
 * same seeds. A constant H only rescales α, so the two runs should be the same up to rounding: the mechanism page
 * shows the largest difference in any blend weight and in any round's CTR, and the weights of seed 1.
 */
import { setupBackend } from "../../cli/backend.js";
import { loadEmbeddings } from "../../cli/embeddings.js";
import { Simulation } from "../../lib/index.js";
import { loader, log, SITE_SEEDS, siteScenario, vocabulary } from "./lab.js";

const SCENARIO = "abrupt-shift";
export const PAIRS = [
  { label: "α = 0.05, H = 0.8", alpha: 0.05, history: 0.8 },
  { label: "α = 0.04, H = 1", alpha: 0.04, history: 1 },
];

async function run(seed: number, alpha: number, history: number) {
  const config = siteScenario(SCENARIO, ["policy.kind=seed-history", `policy.alpha=${alpha}`, `policy.history=${history}`, `run.seed=${seed}`]);
  // the scenario's own text model, as drift-lab run loads it
  const v = vocabulary(config.world.topics);
  const sim = new Simulation(config, v, { embeddings: await loadEmbeddings(config, v, { log }) });
  const rounds = [];
  try {
    while (!sim.done) {
      const r = sim.step();
      rounds.push({ ctr: r.metrics.ctr, weights: Array.from(r.weights) });
    }
  } finally {
    sim.dispose();
  }
  return { components: sim.names, rounds };
}

loader(async () => {
  await setupBackend();
  const seeds = [];
  let example = null;
  for (let seed = 1; seed <= SITE_SEEDS; seed++) {
    const [a, b] = await Promise.all(PAIRS.map((p) => run(seed, p.alpha, p.history)));
    let weights = 0;
    let ctr = 0;
    a.rounds.forEach((r, t) => {
      ctr = Math.max(ctr, Math.abs(r.ctr - b.rounds[t].ctr));
      r.weights.forEach((w, k) => (weights = Math.max(weights, Math.abs(w - b.rounds[t].weights[k]))));
    });
    seeds.push({ seed, maxWeightDifference: weights, maxCtrDifference: ctr, meanCtr: a.rounds.reduce((s, r) => s + r.ctr, 0) / a.rounds.length });
    if (seed === 1) {
      example = PAIRS.flatMap((p, j) => [a, b][j].rounds.flatMap((r, t) => a.components.map((component, k) => ({ run: p.label, round: t, component, weight: r.weights[k] }))));
    }
  }
  return JSON.stringify({ scenario: SCENARIO, pairs: PAIRS, seeds, example });
});

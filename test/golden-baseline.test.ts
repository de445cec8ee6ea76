import { describe, expect, it } from "vitest";
import { Simulation } from "../lib/simulation/simulation.js";
import { builtin, vocabulary } from "./support/scenario.js";

/**
 * The first rounds of the built-in `baseline` scenario under seed 1, pinned to 1e-9.
 *
 * Any change to the world, the components, normalisation, blending, the policy or the metrics that alters these
 * numbers fails this test. When the change is deliberate, regenerate: run
 *   GOLDEN_PRINT=1 npx vitest run test/golden-baseline.test.ts
 * paste the printed array over GOLDEN, and say in the commit message why the trajectory moved.
 */
const GOLDEN = [
  { round: 0, ctr: 0.04181818181818182, ndcg: 0.014609304260039879, precision: 0.014545454545454544, regret: 3.401572436179167, active: 55, weights: [0.5, 0.49999999999999994] },
  { round: 1, ctr: 0.13442622950819672, ndcg: 0.08216376938933441, precision: 0.08360655737704917, regret: 2.5409302046619704, active: 61, weights: [0.5200495981335188, 0.4799504018664812] },
  { round: 2, ctr: 0.14821428571428572, ndcg: 0.08509201325358459, precision: 0.08035714285714289, regret: 2.3723890343975, active: 56, weights: [0.5306059022310182, 0.4693940977689817] },
  { round: 3, ctr: 0.1338709677419355, ndcg: 0.0741423070283976, precision: 0.07419354838709677, regret: 2.5142279606590447, active: 62, weights: [0.5308799767279883, 0.46912002327201174] },
  { round: 4, ctr: 0.16071428571428573, ndcg: 0.10501625167253001, precision: 0.10357142857142855, regret: 2.464548896068916, active: 56, weights: [0.5395654556417749, 0.46043454435822506] },
];

const ROUNDS = 5;

function trajectory() {
  const config = builtin("baseline", ["run.seed=1"]);
  const simulation = new Simulation(config, vocabulary(config));
  const rows = [];
  for (let t = 0; t < ROUNDS; t++) {
    const r = simulation.step();
    const { ctr, ndcg, precision, regret } = r.metrics;
    rows.push({ round: r.round, ctr, ndcg, precision, regret, active: r.active, weights: Array.from(r.weights) });
  }
  simulation.dispose();
  return rows;
}

describe("golden trajectory: baseline, seed 1", () => {
  const rows = trajectory();
  if (process.env.GOLDEN_PRINT) console.log(JSON.stringify(rows, null, 2));

  it(`the first ${ROUNDS} rounds match the pinned values`, () => {
    expect(rows).toHaveLength(GOLDEN.length);
    rows.forEach((row, t) => {
      const golden = GOLDEN[t];
      expect(row.round).toBe(golden.round);
      expect(row.active).toBe(golden.active);
      for (const key of ["ctr", "ndcg", "precision", "regret"] as const) expect(row[key], `round ${t} ${key}`).toBeCloseTo(golden[key], 9);
      row.weights.forEach((w, k) => expect(w, `round ${t} weight ${k}`).toBeCloseTo(golden.weights[k], 9));
    });
  });
});

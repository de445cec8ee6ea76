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
  { round: 0, ctr: 0.04181818181818182, ndcg: 0.014609304260039879, precision: 0.014545454545454544, regret: 3.401572436179167, active: 55, weights: [0.2, 0.2, 0.2, 0.2, 0.2] },
  { round: 1, ctr: 0.08524590163934426, ndcg: 0.02597259308785195, precision: 0.031147540983606555, regret: 3.0084647443275516, active: 61, weights: [0.2242522937288706, 0.19113825996553943, 0.19113825996553943, 0.1909806212295558, 0.20249056511049465] },
  { round: 2, ctr: 0.10357142857142858, ndcg: 0.04573332609077627, precision: 0.04642857142857144, regret: 2.696788739114688, active: 56, weights: [0.26003217087912517, 0.18215160714190323, 0.18182396228958697, 0.18190319758163298, 0.1940890621077517] },
  { round: 3, ctr: 0.11935483870967742, ndcg: 0.06708557673552655, precision: 0.07419354838709678, regret: 2.5561227891368303, active: 62, weights: [0.28659189420201053, 0.18227372810887532, 0.180835890377048, 0.1714182172596656, 0.17888027005240062] },
  { round: 4, ctr: 0.15178571428571427, ndcg: 0.10508554000031653, precision: 0.11964285714285709, regret: 2.3174766811492007, active: 56, weights: [0.32274954115840454, 0.18153616204536902, 0.17704125571490523, 0.1567450952295096, 0.1619279458518115] },
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

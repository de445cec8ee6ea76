import { describe, expect, it } from "vitest";
import { Simulation } from "../lib/simulation/simulation.js";
import { builtin, vocabulary } from "./support/scenario.js";

/**
 * The first rounds of the built-in `baseline` scenario under seed 1, pinned to 1e-9, in two worlds (with the
 * Simulation's own hashing vectors and no review reader): CATALOGUE_WORDED is the world before users wrote in their own words (world.paraphrase = 0) with the plain
 * rewards (no weak-interest or review rewards): its values were pinned before either existed and have not been
 * regenerated, which shows that rate 0 gives that world back draw for draw. GOLDEN is the built-in default.
 *
 * Any change to the world, the components, normalisation, blending, the policy or the metrics that alters these
 * numbers fails this test. When the change is deliberate, regenerate: run
 *   GOLDEN_PRINT=1 npx vitest run test/golden-baseline.test.ts
 * paste the first printed array (the default) over GOLDEN, and say in the commit message why the trajectory moved.
 */
const CATALOGUE_WORDED = [
  { round: 0, ctr: 0.04181818181818182, ndcg: 0.014609304260039879, precision: 0.014545454545454544, regret: 3.401572436179167, active: 55, weights: [0.2, 0.2, 0.2, 0.2, 0.2] },
  { round: 1, ctr: 0.08524590163934426, ndcg: 0.02597259308785195, precision: 0.031147540983606555, regret: 3.0084647443275516, active: 61, weights: [0.2242522937288706, 0.19113825996553943, 0.19113825996553943, 0.1909806212295558, 0.20249056511049465] },
  { round: 2, ctr: 0.10357142857142858, ndcg: 0.04573332609077627, precision: 0.04642857142857144, regret: 2.696788739114688, active: 56, weights: [0.26003217087912517, 0.18215160714190323, 0.18182396228958697, 0.18190319758163298, 0.1940890621077517] },
  { round: 3, ctr: 0.11935483870967742, ndcg: 0.06708557673552655, precision: 0.07419354838709678, regret: 2.5561227891368303, active: 62, weights: [0.28659189420201053, 0.18227372810887532, 0.180835890377048, 0.1714182172596656, 0.17888027005240062] },
  { round: 4, ctr: 0.15178571428571427, ndcg: 0.10508554000031653, precision: 0.11964285714285709, regret: 2.3174766811492007, active: 56, weights: [0.32274954115840454, 0.18153616204536902, 0.17704125571490523, 0.1567450952295096, 0.1619279458518115] },
];

const GOLDEN: typeof CATALOGUE_WORDED = [
  { round: 0, ctr: 0.04181818181818182, ndcg: 0.014609304260039879, precision: 0.014545454545454544, regret: 3.401572436179167, active: 55, weights: [0.2, 0.2, 0.2, 0.2, 0.2] },
  { round: 1, ctr: 0.08688524590163935, ndcg: 0.02229179407860915, precision: 0.02622950819672131, regret: 3.019373486166383, active: 61, weights: [0.22497413884137368, 0.1905845199319295, 0.1905845199319295, 0.19348126822997158, 0.20037555306479563] },
  { round: 2, ctr: 0.10714285714285714, ndcg: 0.035079260546652495, precision: 0.03392857142857143, regret: 2.725090660994734, active: 56, weights: [0.2575251151735178, 0.1823958163211406, 0.18213858056755933, 0.18414885411300286, 0.19379163382477937] },
  { round: 3, ctr: 0.11612903225806452, ndcg: 0.08289125500310163, precision: 0.09999999999999998, regret: 2.5480735638673986, active: 62, weights: [0.2839647242593609, 0.18367636691372594, 0.18069508019894231, 0.17449923869454476, 0.17716458993342596] },
  { round: 4, ctr: 0.16785714285714284, ndcg: 0.1420247692477077, precision: 0.1499999999999999, regret: 2.2121267441166, active: 56, weights: [0.33530488207705683, 0.18021525251197304, 0.17603549072479951, 0.15214993856169612, 0.15629443612447455] },
];

/** Paraphrase rate 0 and the plain rewards (no review or weak-interest reward): the lab before either existed. */
const BEFORE_LANGUAGE = ["world.paraphrase=0", "policy.rewards.negativeReview=2", "policy.rewards.weakClick=1"];

const ROUNDS = 5;

function trajectory(sets: string[]) {
  const config = builtin("baseline", ["run.seed=1", ...sets]);
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

describe.each([
  ["the built-in default", [], GOLDEN],
  ["catalogue wording and plain rewards (values pinned before paraphrase existed)", BEFORE_LANGUAGE, CATALOGUE_WORDED],
])("golden trajectory: baseline, seed 1, %s", (_, sets, pinned) => {
  const rows = trajectory(sets);
  if (process.env.GOLDEN_PRINT) console.log(JSON.stringify(rows, null, 2));

  it(`the first ${ROUNDS} rounds match the pinned values`, () => {
    expect(rows).toHaveLength(pinned.length);
    rows.forEach((row, t) => {
      const golden = pinned[t];
      expect(row.round).toBe(golden.round);
      expect(row.active).toBe(golden.active);
      for (const key of ["ctr", "ndcg", "precision", "regret"] as const) expect(row[key], `round ${t} ${key}`).toBeCloseTo(golden[key], 9);
      row.weights.forEach((w, k) => expect(w, `round ${t} weight ${k}`).toBeCloseTo(golden.weights[k], 9));
    });
  });
});

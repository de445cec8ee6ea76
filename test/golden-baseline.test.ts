import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { Simulation } from "../lib/simulation/simulation.js";
import { hashingTextModel } from "../lib/simulation/text-model.js";
import { builtin, vocabulary } from "./support/scenario.js";

/**
 * The first rounds of the built-in `baseline` scenario under seed 1, pinned to 1e-9, read with hashing vectors (the
 * scenario itself reads with pretrained, whose package is optional), in two worlds:
 * - GOLDEN, the built-in default, with the Simulation's default text model (hashingTextModel: the one drift-lab run
 *   builds for encoder.kind=hashing, review reader included). Hand check: the first rows of rounds.csv from
 *   `drift-lab run --scenario baseline --set encoder.kind=hashing` (seed 1), to their ten significant digits.
 * - CATALOGUE_WORDED, the lab before users wrote in their own words (world.paraphrase = 0) with the plain rewards
 *   (no weak-interest or review rewards) and, as the Simulation's default was then, no review reader: these values
 *   were pinned at e5b825d, before any of the three existed, and have not been regenerated, which shows that rate 0
 *   gives that world back draw for draw.
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
  { round: 1, ctr: 0.08524590163934426, ndcg: 0.02229179407860915, precision: 0.02622950819672131, regret: 3.0174870228891195, active: 61, weights: [0.2208379612943812, 0.19140872587604307, 0.19140872587604307, 0.19216029471654364, 0.2041842922369891] },
  { round: 2, ctr: 0.10535714285714286, ndcg: 0.035149487335270034, precision: 0.03214285714285715, regret: 2.738537593204435, active: 56, weights: [0.2494441420032371, 0.18562286701519898, 0.18529872926672233, 0.18355166063756173, 0.19608260107727976] },
  { round: 3, ctr: 0.12096774193548387, ndcg: 0.08924983538549977, precision: 0.10322580645161286, regret: 2.559770741245386, active: 62, weights: [0.2760636040473284, 0.18559218547730724, 0.18540116474336016, 0.1729122833397048, 0.18003076239229937] },
  { round: 4, ctr: 0.1625, ndcg: 0.12516119829467948, precision: 0.1321428571428571, regret: 2.2881811850047202, active: 56, weights: [0.31136430586927094, 0.18106821653522537, 0.1786187896184305, 0.15989211806534326, 0.16905656991172996] },
];

/** Paraphrase rate 0 and the plain rewards (no review or weak-interest reward): the lab before either existed. */
const BEFORE_LANGUAGE = ["world.paraphrase=0", "policy.rewards.negativeReview=2", "policy.rewards.weakClick=1"];

const ROUNDS = 5;

function trajectory(sets: string[], reader: boolean) {
  const config = builtin("baseline", ["run.seed=1", "encoder.kind=hashing", ...sets]);
  const v = vocabulary(config);
  const simulation = new Simulation(config, v, reader ? {} : { embeddings: { ...hashingTextModel(config, v), sentiment: undefined } });
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
  ["the built-in default", [], true, GOLDEN],
  ["catalogue wording, plain rewards and no review reader (values pinned before paraphrase existed)", BEFORE_LANGUAGE, false, CATALOGUE_WORDED],
] as const)("golden trajectory: baseline, seed 1, %s", (_, sets, reader, pinned) => {
  const rows = trajectory([...sets], reader);
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

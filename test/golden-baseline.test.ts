import "./support/backend.js";
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
 * Hand check: these are the first rows of rounds.csv from `drift-lab run --scenario baseline` (seed 1), to its ten
 * significant digits: the Simulation's default text model is the one the command line builds.
 */
const GOLDEN = [
  { round: 0, ctr: 0.04181818181818182, ndcg: 0.014609304260039879, precision: 0.014545454545454544, regret: 3.401572436179167, active: 55, weights: [0.2, 0.2, 0.2, 0.2, 0.2] },
  { round: 1, ctr: 0.08524590163934426, ndcg: 0.02597259308785195, precision: 0.031147540983606555, regret: 3.008377099247759, active: 61, weights: [0.22574770791552592, 0.19108879323588218, 0.19108879323588218, 0.18962365664890204, 0.20245104896380775] },
  { round: 2, ctr: 0.10535714285714286, ndcg: 0.04337125603225451, precision: 0.04285714285714287, regret: 2.6979320691318414, active: 56, weights: [0.26283710511120273, 0.1814344352396642, 0.18092409493055378, 0.18087474303371212, 0.19392962168486721] },
  { round: 3, ctr: 0.12903225806451613, ndcg: 0.07722301377876069, precision: 0.09032258064516129, regret: 2.5027255550686967, active: 62, weights: [0.29616422544223175, 0.18065148894806335, 0.17845402303536534, 0.16626121996348, 0.17846904261085952] },
  { round: 4, ctr: 0.16071428571428573, ndcg: 0.12223206286345818, precision: 0.14821428571428566, regret: 2.2165537742621133, active: 56, weights: [0.3318789564131062, 0.1858978065726839, 0.17665653494538588, 0.1467091876777309, 0.15885751439109305] },
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

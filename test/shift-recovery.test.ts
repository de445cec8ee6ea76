import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { runScenario } from "../lib/simulation/run.js";
import { hashingTextModel } from "../lib/simulation/text-model.js";
import { builtin, vocabulary } from "./support/scenario.js";

// abrupt-shift at a reduced size, the shift moved to the middle of the run; every number is exact under its seed.
// The claims were measured in the lab of e5b825d: the catalogue-worded world, the plain rewards, and no review reader
// (a Simulation then read no review's sentiment), and are tested there. Measured on the same 8 seeds, paired, with
// 95 % intervals, in the worlds since (a run made from lib now trains the hashing text model's review reader):
// - ρ = 0, plain rewards, with the reader: ema beats static after the shift on 8 of 8 seeds (+0.0059
//   [0.0031, 0.0087]), but β = 0.95 lengthens the mean recovery by 1.75 rounds [−7.5, 11.0], not 10;
// - the built-in default (ρ = 0.5, review and weak-interest rewards, the reader): ema wins on 7 of 8 seeds (+0.0057
//   [0.0017, 0.0098]) and β = 0.95 lengthens the mean recovery by 11.4 rounds [0.4, 22.3].
// Here (no reader): ema wins on 8 of 8 (+0.0062 [0.0030, 0.0094]), recovery lengthens by 21.9 rounds [9.2, 34.5].
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const REDUCED = [
  "world.users=150",
  "world.items=500",
  "run.rounds=100",
  "world.drift.shift.at=[50]",
  "world.paraphrase=0",
  "policy.rewards.weakClick=1",
  "policy.rewards.negativeReview=2",
];

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The run's stability summary, and its CTR over the 10 rounds after the shift as a share of the 20 before. */
function run(seed: number, sets: string[]) {
  const config = builtin("abrupt-shift", [...REDUCED, `run.seed=${seed}`, ...sets]);
  const v = vocabulary(config);
  const { summary, records } = runScenario(config, v, { embeddings: { ...hashingTextModel(config, v), sentiment: undefined } });
  const ctr = (from: number, to: number) => mean(records.slice(from, to).map((r) => r.metrics.ctr));
  return { ...summary.stability, dip: ctr(50, 60) / ctr(30, 50) };
}

describe("abrupt-shift: what re-weighting buys after a shift, and what smoothing costs", () => {
  const ema = SEEDS.map((seed) => run(seed, ["policy.kind=ema"]));
  const fixed = SEEDS.slice(0, 4).map((seed) => run(seed, ["policy.kind=static"]));

  it("the shift hurts: CTR falls below 80 % of its pre-shift level for ten rounds, and takes rounds to recover", () => {
    expect(mean(ema.map((s) => s.dip))).toBeLessThan(0.8);
    expect(mean(fixed.map((s) => s.dip))).toBeLessThan(0.8);
    expect(mean(ema.map((s) => s.recovery!))).toBeGreaterThan(15);
  });

  it("ema beats static uniform weights on CTR after the shift, on each of four seeds", () => {
    fixed.forEach((s, i) => expect(ema[i].ctrAfterShift!).toBeGreaterThan(s.ctrAfterShift!));
  });

  it("smoothed with β = 0 is ema; raising β to 0.95 lowers volatility on every seed and lengthens the mean recovery", () => {
    expect(run(1, ["policy.kind=smoothed", "policy.beta=0"])).toEqual(ema[0]);
    const slow = SEEDS.map((seed) => run(seed, ["policy.kind=smoothed", "policy.beta=0.95"]));
    slow.forEach((s, i) => expect(s.volatility).toBeLessThan(0.5 * ema[i].volatility));
    expect(mean(slow.map((s) => s.recovery!)) - mean(ema.map((s) => s.recovery!))).toBeGreaterThan(10);
  });
});

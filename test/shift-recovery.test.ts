import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { runScenario } from "../lib/simulation/run.js";
import { builtin, vocabulary } from "./support/scenario.js";

// abrupt-shift at a reduced size, the shift moved to the middle of the run; every number is exact under its seed.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const REDUCED = ["world.users=150", "world.items=500", "run.rounds=100", "world.drift.shift.at=[50]"];

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The run's stability summary, and its CTR over the 10 rounds after the shift as a share of the 20 before. */
function run(seed: number, sets: string[]) {
  const config = builtin("abrupt-shift", [...REDUCED, `run.seed=${seed}`, ...sets]);
  const { summary, records } = runScenario(config, vocabulary(config));
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

import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { Simulation, type RoundRecord } from "../lib/simulation/simulation.js";
import { builtin, vocabulary } from "./support/scenario.js";

const SETS = ["world.users=40", "world.items=150", "run.rounds=8", "world.drift.shift.at=[4]"];
const POLICIES = [
  ["policy.kind=ema", "policy.level=user"],
  ["policy.kind=momentum", "policy.level=segment", "policy.segments.minSlates=1"],
  ["policy.kind=thompson", "policy.level=user"],
  ["policy.kind=exp3", "policy.level=segment", "policy.segments.by=hash"],
  ["policy.kind=neural", "policy.level=user"],
];

/** Every round's record, optionally reading everything the observation API offers after each round. */
function run(sets: string[], observe: boolean) {
  const config = builtin("abrupt-shift", [...SETS, ...sets]);
  const sim = new Simulation(config, vocabulary(config));
  const records: RoundRecord[] = [];
  const seen: { global: number[][]; users: number[][]; profiles: (number[] | null)[] } = { global: [], users: [], profiles: [] };
  try {
    if (observe) seen.global.push(Array.from(sim.globalWeights()));
    while (!sim.done) {
      records.push(sim.step());
      if (!observe) continue;
      seen.global.push(Array.from(sim.globalWeights()));
      for (let u = 0; u < sim.world.users.count; u++) {
        seen.users.push(Array.from(sim.userWeights(u)));
        const p = sim.profile(u);
        seen.profiles.push(p && Array.from(p));
        p?.fill(NaN);
      }
    }
  } finally {
    sim.dispose();
  }
  return { records, seen, config };
}

describe("Simulation's observation API reads without changing the run", () => {
  it.each(POLICIES)("%s %s: every record is the same whether or not global, per-user and profile weights are read", (...sets) => {
    const plain = run(sets, false);
    const observed = run(sets, true);
    expect(observed.records).toEqual(plain.records);
    // globalWeights is the starting π, then each round's reported weights
    expect(observed.seen.global[0].reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    plain.records.forEach((r, t) => expect(observed.seen.global[t + 1]).toEqual(Array.from(r.weights)));
    for (const pi of observed.seen.users) expect(pi.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
    expect(observed.seen.profiles.some((p) => p !== null)).toBe(true);
  });

  it("userWeights is the π the user is served next (ema, per user)", () => {
    const config = builtin("abrupt-shift", [...SETS, "policy.kind=ema", "policy.level=user"]);
    const sim = new Simulation(config, vocabulary(config));
    const served = new Map<string, number[]>();
    const weights = sim.policy.weights.bind(sim.policy);
    sim.policy.weights = (context) => {
      const pi = weights(context);
      served.set(`${context.round}/${context.user}`, Array.from(pi));
      return pi;
    };
    let compared = 0;
    try {
      while (!sim.done) {
        const round = sim.step().round;
        const expected = Array.from({ length: sim.world.users.count }, (_, u) => Array.from(sim.userWeights(u)));
        if (sim.done) break;
        sim.step();
        for (const [key, pi] of served) {
          const [r, u] = key.split("/").map(Number);
          if (r !== round + 1) continue;
          expect(pi).toEqual(expected[u]);
          compared++;
        }
      }
    } finally {
      sim.dispose();
    }
    expect(compared).toBeGreaterThan(20);
  });
});

import { describe, expect, it } from "vitest";
import { cosineError } from "../lib/metrics/tracking.js";
import { Stream } from "../lib/random/stream.js";
import { createContent } from "../lib/recommenders/content.js";
import { Simulation } from "../lib/simulation/simulation.js";
import type { ProfileOptions } from "../lib/weighting/config.js";
import { ProfileWeights } from "../lib/weighting/profile.js";
import { builtin, vocabulary } from "./support/scenario.js";
import { events, shown, unitContext } from "./support/recommender.js";

/** Four items along the axes e0 … e3 of a 4-dimensional embedding. */
const axes = { dim: 4, vectors: Float32Array.from({ length: 16 }, (_, j) => (j % 5 === 0 ? 1 : 0)) };
const content = (profile: ProfileOptions) => createContent(unitContext(4, 1, {}, { embeddings: axes, profile }));
const row = (r: ReturnType<typeof createContent>) => Array.from(r.score({ round: 2, users: Int32Array.from([0]), items: 4 }));

describe("the content component scores with the profile weights of policy.profile", () => {
  it("the rule is the profile's: after clicks on items 0 then 1, momentum and ema leave different profiles (by hand)", () => {
    // ema, α = ½: p = ½·e0, then p + ½·(e1 − p) = ¼·e0 + ½·e1 → score(e1) / score(e0) = 2
    // momentum, α = ½, β = ½: p = ½·e0, then p + ½·(e1 − p) + ½·(p − 0) = ½·e0 + ½·e1 → ratio 1
    const ema = content({ rule: "ema", alpha: 0.5, beta: 0.5 });
    const momentum = content({ rule: "momentum", alpha: 0.5, beta: 0.5 });
    for (const r of [ema, momentum]) {
      r.observe(events(0, [shown(0, 0, 0)]));
      r.observe(events(1, [shown(0, 1, 1)]));
    }
    expect(row(ema)[1] / row(ema)[0]).toBeCloseTo(2, 6);
    expect(row(momentum)[1] / row(momentum)[0]).toBeCloseTo(1, 6);
    expect(Array.from(momentum.profile!(0)!)).toEqual([0.5, 0.5, 0, 0]);
    expect(ema.profile!(0)).not.toBeNull();
  });

  it("ProfileWeights: ema is p + α·(x − p) exactly; α = 0 never moves a profile; null before any evidence", () => {
    const w = new ProfileWeights(2, 3, { rule: "ema", alpha: 0.25, beta: 0 });
    expect(w.profile(0)).toBeNull();
    w.update(0, [4, 0, -4]);
    expect(Array.from(w.profile(0)!)).toEqual([1, 0, -1]);
    w.update(0, [0, 4, 0]);
    expect(Array.from(w.profile(0)!)).toEqual([0.75, 1, -0.75]);
    w.update(0, [9, 9, 9], 0);
    expect(Array.from(w.profile(0)!)).toEqual([0.75, 1, -0.75]);
    expect(w.profile(1)).toBeNull();
  });
});

describe("in the loop, policy.profile changes the slates through the content component, and only through it", () => {
  const SETS = ["world.users=60", "world.items=200", "run.rounds=25", "world.drift.shift.at=[12]", "run.seed=3"];
  function ctrs(sets: string[]) {
    const config = builtin("abrupt-shift", [...SETS, ...sets]);
    const sim = new Simulation(config, vocabulary(config));
    const out: { ctr: number[]; tracking: number[] } = { ctr: [], tracking: [] };
    while (!sim.done) {
      const r = sim.step();
      out.ctr.push(r.metrics.ctr);
      out.tracking.push(r.metrics.tracking_error);
    }
    sim.dispose();
    return out;
  }

  it("with content in the blend, ema and momentum profiles give different CTR sequences and tracking errors", () => {
    const blend = "recommender.components=popularity,content,random";
    const ema = ctrs([blend, "policy.profile.rule=ema"]);
    const momentum = ctrs([blend, "policy.profile.rule=momentum", "policy.profile.beta=0.9"]);
    expect(momentum.ctr).not.toEqual(ema.ctr);
    // the first round is served before anyone has a profile: no tracking error yet, then one every round
    expect(ema.tracking[0]).toBeNaN();
    expect(ema.tracking.slice(1).every(Number.isFinite)).toBe(true);
    expect(momentum.tracking.slice(1)).not.toEqual(ema.tracking.slice(1));
  });

  it("without a component that keeps a profile, the profile rule changes nothing and there is no tracking error", () => {
    const blend = "recommender.components=popularity,item-cf,random";
    const ema = ctrs([blend, "policy.profile.rule=ema"]);
    const momentum = ctrs([blend, "policy.profile.rule=momentum", "policy.profile.beta=0.9"]);
    expect(momentum.ctr).toEqual(ema.ctr);
    expect(ema.tracking.every(Number.isNaN)).toBe(true);
  });
});

describe("the tracking error's scale", () => {
  it("a random profile scores 1 on average (E[cos] = 0 for an isotropic direction): the chart's reference line", () => {
    const s = new Stream("tracking/random");
    const truth = Float64Array.from({ length: 16 }, () => s.normal());
    const errors = Array.from({ length: 4000 }, () => cosineError(Float64Array.from({ length: 16 }, () => s.normal()), truth));
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    // sd of 1 − cos in 16 dimensions is 1/√16 = 0.25: the standard error over 4000 draws is 0.004; within 4 se
    expect(Math.abs(mean - 1)).toBeLessThan(4 * 0.25 / Math.sqrt(4000));
    expect(Math.max(...errors)).toBeGreaterThan(1.5);
    expect(Math.min(...errors)).toBeLessThan(0.5);
  });
});

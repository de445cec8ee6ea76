import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { runScenario } from "../lib/simulation/run.js";
import { meanInterval } from "../lib/stats/mean-interval.js";
import { pairedDifference } from "../lib/stats/paired.js";
import { DEFAULT_POLICY_CONFIG, type PolicyConfig } from "../lib/weighting/config.js";
import type { SlateFeedback, WeightPolicy } from "../lib/weighting/policy.js";
import { ProfileWeights } from "../lib/weighting/profile.js";
import { createPolicy } from "../lib/weighting/registry.js";
import { builtin, vocabulary } from "./support/scenario.js";

const config = (over: Partial<PolicyConfig>): PolicyConfig => ({ ...DEFAULT_POLICY_CONFIG, kind: "ema", alpha: 0.3, ...over });

/**
 * A slate of two items for `user`: the clicked one (at a position that alternates with the round, so the
 * position baseline cannot explain the click) is the item component `k` scores 1 and the other component 0.
 */
function slate(policy: WeightPolicy, round: number, user: number, k: number): SlateFeedback {
  const weights = policy.weights({ round, user });
  const at = (round + user) % 2;
  const scores = new Float32Array(4);
  scores[at * 2 + k] = 1;
  scores[(1 - at) * 2 + (1 - k)] = 1;
  const clicked = [at === 0, at === 1];
  return { user, round, scores, rewards: Float64Array.from(clicked, (c) => (c ? 1 : -1)), clicked, weights };
}

describe("level user: one learner per user, each starting from the global one", () => {
  it("users who click different components end up with opposite weights; a newcomer starts from global", () => {
    const policy = createPolicy(["a", "b"], config({ level: "user" }), { users: 5, stream: new Stream(1) });
    for (let t = 0; t < 20; t++) {
      const fb = [slate(policy, t, 0, 0), slate(policy, t, 0 + 1, 1), slate(policy, t, 2, 0)];
      policy.update(t, fb);
    }
    const [u0, u1] = [policy.weights({ round: 20, user: 0 }), policy.weights({ round: 20, user: 1 })];
    expect(u0[0]).toBeGreaterThan(0.9);
    expect(u1[1]).toBeGreaterThan(0.9);
    // the global learner saw two slates for component a per one for b each round
    const newcomer = policy.weights({ round: 20, user: 4 });
    expect(newcomer[0]).toBeGreaterThan(0.5);
    expect(newcomer[0]).toBeLessThan(u0[0]);
    // global() is the mean over the users served so far (0, 1, 2 and now 4)
    const mean = policy.global();
    const all = [0, 1, 2, 4].map((u) => policy.weights({ round: 20, user: u })[0]);
    expect(mean[0]).toBeCloseTo(all.reduce((s, v) => s + v, 0) / 4, 12);
  });
});

describe("level segment: per-segment weights shrunk toward global", () => {
  const run = (shrinkage: number) => {
    const segments = { by: "hash" as const, count: 2, shrinkage, minSlates: 0 };
    const policy = createPolicy(["a", "b"], config({ level: "segment", segments }), { users: 40, stream: new Stream(1) });
    for (let t = 0; t < 15; t++) {
      // every user in this round clicks component b, except users in round-robin ≡ 0 (mod 4) who click a
      policy.update(t, Array.from({ length: 40 }, (_, u) => slate(policy, t, u, u % 4 === 0 ? 0 : 1)));
    }
    return policy;
  };

  it("κ → ∞ gives every user the global weights; κ = 0 gives each segment its own", () => {
    const pooled = run(1e9);
    const pi = Array.from({ length: 40 }, (_, u) => pooled.weights({ round: 15, user: u })[0]);
    for (const p of pi) expect(p).toBeCloseTo(pi[0], 6);
    const own = run(0);
    const values = new Set(Array.from({ length: 40 }, (_, u) => own.weights({ round: 15, user: u })[0].toFixed(9)));
    expect(values.size).toBe(2);
  });

  it("credit segmentation groups users by the component their own slates credit most", () => {
    const segments = { by: "credit" as const, count: 2, shrinkage: 0, minSlates: 3 };
    const policy = createPolicy(["a", "b"], config({ level: "segment", segments }), { users: 20, stream: new Stream(1) });
    for (let t = 0; t < 20; t++) policy.update(t, Array.from({ length: 20 }, (_, u) => slate(policy, t, u, u < 10 ? 0 : 1)));
    for (let u = 0; u < 20; u++) {
      const pi = policy.weights({ round: 20, user: u });
      expect(pi[u < 10 ? 0 : 1], `user ${u}`).toBeGreaterThan(0.9);
    }
  });
});

describe("the segments scenario", () => {
  it("per-user weights beat global ones on CTR: paired over five seeds at a reduced size", () => {
    const ctr = (level: string, seed: number) => {
      const c = builtin("segments", ["world.users=200", "world.items=600", "run.rounds=80", `run.seed=${seed}`, `policy.level=${level}`]);
      return runScenario(c, vocabulary(c)).summary.means.ctr;
    };
    const seeds = [1, 2, 3, 4, 5];
    const d = pairedDifference(
      seeds.map((seed) => ctr("user", seed)),
      seeds.map((seed) => ctr("global", seed)),
    );
    // When written: +0.032 [+0.018, +0.046]. The old test asked for more than 0.02 on each of seeds 1 and 2; over
    // five seeds the lower bound is 0.018, so the claim that holds is "by more than one point of CTR".
    expect(d.above).toBe(5);
    expect(d.lo, `user − global: ${d.mean.toFixed(4)} [${d.lo.toFixed(4)}, ${d.hi.toFixed(4)}]`).toBeGreaterThan(0.01);
  });
});

describe("profile weights", () => {
  it("follow the rule module: ema moves p toward the target by α", () => {
    const profiles = new ProfileWeights(3, 2, { rule: "ema", alpha: 0.5, beta: 0 });
    expect(profiles.profile(1)).toBeNull();
    profiles.update(1, [1, -1]);
    profiles.update(1, [1, -1]);
    expect(Array.from(profiles.profile(1)!)).toEqual([0.75, -0.75]);
  });

  it("the content profiles' tracking error falls as they learn, jumps at the shift and recovers: paired over five seeds", () => {
    const windows = [1, 2, 3, 4, 5].map((seed) => {
      const c = builtin("abrupt-shift", ["world.users=150", "world.items=500", "run.rounds=100", "world.drift.shift.at=[50]", `run.seed=${seed}`]);
      const { records, summary } = runScenario(c, vocabulary(c));
      const mean = (from: number, to: number) => records.slice(from, to).reduce((s, r) => s + r.metrics.tracking_error, 0) / (to - from);
      // round 0 is served before anyone has a profile: no tracking error there
      expect(records[0].metrics.tracking_error).toBeNaN();
      return { early: mean(1, 11), before: mean(40, 50), after: mean(50, 60), end: mean(90, 100), run: summary.stability.trackingError! };
    });
    const lower = (a: keyof (typeof windows)[number], b: keyof (typeof windows)[number]) =>
      pairedDifference(
        windows.map((w) => w[a]),
        windows.map((w) => w[b]),
      ).lo;
    // when written: early 0.87, before the shift 0.80, just after 0.90, at the end 0.74 (means over the seeds); the
    // fall while learning is −0.076 [−0.122, −0.029], the jump +0.102 [+0.065, +0.139], the recovery +0.161 [+0.127, +0.195]
    expect(lower("early", "before")).toBeGreaterThan(0);
    expect(lower("after", "before")).toBeGreaterThan(0.03);
    expect(lower("after", "end")).toBeGreaterThan(0.03);
    // and better than a profile that knows nothing (a random direction scores 1)
    expect(meanInterval(windows.map((w) => w.run)).hi).toBeLessThan(1);
  });
});

import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { meanInterval } from "../lib/stats/mean-interval.js";
import { DEFAULT_POLICY_CONFIG, type PolicyConfig } from "../lib/weighting/config.js";
import { DEFAULT_EXP3, createExp3Learner } from "../lib/weighting/exp3.js";
import { createOracleWeightsPolicy, gridResolution, simplexGrid, DEFAULT_ORACLE_WEIGHTS } from "../lib/weighting/oracle-weights.js";
import type { SlateFeedback } from "../lib/weighting/policy.js";
import { createPolicy } from "../lib/weighting/registry.js";
import { createThompsonLearner, DEFAULT_THOMPSON } from "../lib/weighting/thompson.js";

const config = (over: Partial<PolicyConfig> = {}): PolicyConfig => ({ ...DEFAULT_POLICY_CONFIG, ...over });
const COMPONENTS = ["good", "bad", "worse"];
const MEAN = [0.3, 0, -0.2];
/** The arms' mean credits with the good arm at index `good` (the others keep their order after it). */
const placed = (good: number) => [...MEAN.slice(1, good + 1), MEAN[0], ...MEAN.slice(good + 1)];
/** Runs of the learning tests: the good arm at each index, five seeds each. */
const RUNS = [0, 1, 2].flatMap((good) => [1, 2, 3, 4, 5].map((seed) => ({ good, seed })));

/** One round of a synthetic bandit: each of n slates served by the learner, credit of arm k ~ mean[k] + noise. */
function round(learner: ReturnType<typeof createExp3Learner>, stream: Stream, n = 20, mean = MEAN) {
  const feedback: SlateFeedback[] = [];
  const credits: Float64Array[] = [];
  const propensity: Float64Array[] = [];
  for (let s = 0; s < n; s++) {
    const pi = learner.pi().slice();
    const served = learner.serve(stream);
    feedback.push({ user: s, round: 0, scores: new Float32Array(0), rewards: new Float64Array(0), clicked: [], weights: served });
    credits.push(Float64Array.from(mean, (m) => Math.max(-1, Math.min(1, m + stream.normal(0, 0.3)))));
    propensity.push(pi);
  }
  learner.learn(0, feedback, credits, propensity);
  return feedback;
}

describe("exp3", () => {
  it("draw mode serves one component per slate, a vertex of the simplex drawn from π", () => {
    const learner = createExp3Learner(COMPONENTS, config(), DEFAULT_EXP3);
    const stream = new Stream("exp3/draw");
    const counts = [0, 0, 0];
    for (let j = 0; j < 3000; j++) {
      const v = learner.serve(stream);
      expect(Array.from(v).sort()).toEqual([0, 0, 1]);
      counts[v.indexOf(1)]++;
    }
    for (const c of counts) expect(c / 3000).toBeCloseTo(1 / 3, 1);
  });

  it("learns the best arm wherever it sits (index 0, 1, 2; five seeds each) and keeps γ/K exploration", () => {
    const onGood = RUNS.map(({ good, seed }) => {
      const learner = createExp3Learner(COMPONENTS, config(), DEFAULT_EXP3);
      const stream = new Stream(`exp3/learn/${seed}`);
      for (let t = 0; t < 60; t++) round(learner, stream, 20, placed(good));
      const pi = learner.pi();
      for (const p of pi) expect(p).toBeGreaterThanOrEqual(DEFAULT_EXP3.gamma / 3 - 1e-12);
      return { share: pi[good], leads: pi.indexOf(Math.max(...pi)) === good };
    });
    // Exp3's importance-weighted gains can lock onto the second arm by chance: 1 run in 60 per index over 60 seeds
    // when this test was written, and here seed 2 with the good arm at index 0. So the claim is about the runs
    // together: the good arm leads in at least 14 of 15, and the 95 % interval of its mean share lies above 0.7.
    expect(onGood.filter((r) => r.leads).length).toBeGreaterThanOrEqual(14);
    expect(meanInterval(onGood.map((r) => r.share)).lo).toBeGreaterThan(0.7);
  });

  it("a copy learns apart from its original", () => {
    const a = createExp3Learner(COMPONENTS, config(), DEFAULT_EXP3);
    const b = a.copy();
    round(a, new Stream("exp3/copy"));
    expect(Array.from(b.pi())).toEqual([1 / 3, 1 / 3, 1 / 3].map((p) => expect.closeTo(p, 12)) as unknown as number[]);
    expect(a.pi()[0]).not.toBeCloseTo(1 / 3, 6);
  });
});

describe("thompson", () => {
  const z = Float64Array.from({ length: 256 * 3 }, ((s) => () => s.normal())(new Stream("z")));

  it("π is the probability that each arm is best, uniform under the prior", () => {
    const learner = createThompsonLearner(COMPONENTS, DEFAULT_THOMPSON, z);
    for (const p of learner.pi()) expect(p).toBeCloseTo(1 / 3, 1);
  });

  it("concentrates on the best arm wherever it sits (index 0, 1, 2; five seeds each)", () => {
    const onGood = RUNS.map(({ good, seed }) => {
      const learner = createThompsonLearner(COMPONENTS, DEFAULT_THOMPSON, z);
      const stream = new Stream(`ts/learn/${seed}`);
      for (let t = 0; t < 40; t++) round(learner as never, stream, 20, placed(good));
      const pi = learner.pi();
      expect(pi.indexOf(Math.max(...pi)), `good arm at ${good}, seed ${seed}`).toBe(good);
      return pi[good];
    });
    expect(meanInterval(onGood).lo).toBeGreaterThan(0.9);
  });
});

describe("oracle-weights", () => {
  it("the simplex grid has C(r + K − 1, K − 1) points on the simplex, at most `candidates`", () => {
    expect(simplexGrid(3, 4)).toHaveLength(15);
    expect(gridResolution(2, DEFAULT_ORACLE_WEIGHTS)).toBe(35);
    expect(simplexGrid(7, gridResolution(7, DEFAULT_ORACLE_WEIGHTS)).length).toBeLessThanOrEqual(DEFAULT_ORACLE_WEIGHTS.candidates);
    for (const p of simplexGrid(3, 4)) expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it("keeps the candidate with the highest total expected clicks (global) or each user's best (user)", () => {
    const users = Int32Array.from([4, 9]);
    // user 4 wants all weight on component 0, user 9 on component 1; user 9's stake is larger
    const hook = {
      evaluate: (candidates: Float64Array[]) => ({
        users,
        values: Float64Array.from({ length: 2 * candidates.length }, (_, j) => {
          const c = candidates[j % candidates.length];
          return j < candidates.length ? c[0] : 2 * c[1];
        }),
      }),
    };
    const env = { users: 10, stream: new Stream(1), oracle: hook };
    const global = createOracleWeightsPolicy(["x", "y"], config({ kind: "oracle-weights" }), env);
    expect(Array.from(global.weights({ round: 0, user: 4 }))).toEqual([0, 1]);
    const perUser = createOracleWeightsPolicy(["x", "y"], config({ kind: "oracle-weights", level: "user" }), env);
    expect(Array.from(perUser.weights({ round: 0, user: 4 }))).toEqual([1, 0]);
    expect(Array.from(perUser.weights({ round: 0, user: 9 }))).toEqual([0, 1]);
  });

  it("cannot be built without the truth hook, and no other policy is given one", () => {
    expect(() => createPolicy(["x", "y"], config({ kind: "oracle-weights" }), { users: 1, stream: new Stream(1) })).toThrow(/truth hook/);
  });
});

describe("unsupported levels and options are errors naming the field", () => {
  it.each<[string, PolicyConfig["level"], RegExp]>([
    ["logistic", "user", /policy\.level: 'user' is not supported by policy 'logistic' \(allowed: global\)/],
    ["neural", "segment", /allowed: global, user/],
    ["oracle-weights", "segment", /allowed: global, user/],
  ])("%s at level %s", (kind, level, message) => {
    const oracle = { evaluate: () => ({ users: new Int32Array(0), values: new Float64Array(0) }) };
    expect(() => createPolicy(["x", "y"], config({ kind, level }), { users: 1, stream: new Stream(1), oracle })).toThrow(message);
  });

  it("policy.options.exp3", () => {
    const env = { users: 1, stream: new Stream(1) };
    expect(() => createPolicy(["x"], config({ kind: "exp3", options: { exp3: { gama: 0.1 } } }), env)).toThrow(/policy\.options\.exp3\.gama: unknown option \(allowed: gamma, eta, forget, serve\)/);
    expect(() => createPolicy(["x"], config({ kind: "exp3", options: { exp3: { serve: "mix" } } }), env)).toThrow(/allowed: draw, blend/);
  });
});

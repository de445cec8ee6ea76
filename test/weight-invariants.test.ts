import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { runScenario } from "../lib/simulation/run.js";
import { initialRuleState, RULES, step, type RuleKind } from "../lib/weighting/rules/index.js";
import { capStep, toSimplex, type SimplexOptions } from "../lib/weighting/simplex.js";
import { scenario, TINY, vocabulary } from "./support/scenario.js";

const PARAMS = { alpha: 0, beta: 0.7, history: 3 };

function randomRewards(s: Stream, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => s.uniform(-1, 1));
}

describe("α = 0 never moves a weight", () => {
  it.each(RULES)("rule %s: w is unchanged by any reward sequence", (kind) => {
    const s = new Stream(`alpha0/${kind}`);
    const w0 = [0.3, -1.2, 2.5];
    let state = initialRuleState(w0);
    for (let t = 0; t < 100; t++) state = step(kind as RuleKind, state, randomRewards(s, 3), PARAMS);
    expect(Array.from(state.w)).toEqual(w0);
  });

  const cases = RULES.flatMap((kind) => ["global", "user", "segment"].flatMap((level) => ["softmax", "floor"].map((simplex) => [kind, level, simplex])));
  it.each(cases)("policy %s at level %s with %s: the loop's weights stay at the start", (kind, level, simplex) => {
    const config = scenario([...TINY, `policy.kind=${kind}`, "policy.alpha=0", `policy.level=${level}`, `policy.simplex.kind=${simplex}`]);
    const { records } = runScenario(config, vocabulary(config));
    for (const r of records) {
      expect(Array.from(r.weights)).toEqual([0.5, 0.5]);
      expect(r.metrics.volatility).toBe(0);
    }
  });

  it("non-uniform starting weights also stay put with α = 0", () => {
    const config = scenario([...TINY, "policy.kind=ema", "policy.alpha=0", 'policy.weights={"popularity":0.7,"random":0.3}']);
    const { records } = runScenario(config, vocabulary(config));
    for (const r of records) {
      expect(r.weights[0]).toBeCloseTo(0.7, 12);
      expect(r.weights[1]).toBeCloseTo(0.3, 12);
    }
  });
});

describe("weights stay on the simplex", () => {
  const normalisations: SimplexOptions[] = [
    { kind: "softmax", temperature: 0.05, floor: 0.02, maxStep: 0 },
    { kind: "softmax", temperature: 1, floor: 0.02, maxStep: 0.05 },
    { kind: "floor", temperature: 1, floor: 0.02, maxStep: 0 },
    { kind: "floor", temperature: 1, floor: 1e-3, maxStep: 0.1 },
  ];
  const onSimplex = (pi: Float64Array) => {
    expect(pi.every((p) => p >= 0 && Number.isFinite(p))).toBe(true);
    expect(Math.abs(pi.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  };

  it.each(RULES.flatMap((kind) => normalisations.map((o) => [kind, o] as const)))("%s with %o over random rewards", (kind, o) => {
    const s = new Stream(`simplex/${kind}/${o.kind}/${o.maxStep}`);
    for (let trial = 0; trial < 20; trial++) {
      const K = 2 + s.int(5);
      const p = { alpha: s.uniform(0, 1.9), beta: s.uniform(0, 0.95), history: s.uniform(0, 2) };
      let state = initialRuleState(randomRewards(s, K));
      let pi = toSimplex(state.w, o);
      onSimplex(pi);
      for (let t = 0; t < 60; t++) {
        state = step(kind, state, randomRewards(s, K), p);
        const next = capStep(pi, toSimplex(state.w, o), o.maxStep);
        onSimplex(next);
        if (o.maxStep > 0) for (let k = 0; k < K; k++) expect(Math.abs(next[k] - pi[k])).toBeLessThanOrEqual(o.maxStep + 1e-12);
        if (o.kind === "floor" && o.maxStep === 0) {
          const min = o.floor / Math.max(...Array.from(state.w, (w) => Math.max(w, o.floor))) / K;
          for (const v of next) expect(v).toBeGreaterThanOrEqual(min - 1e-15);
        }
        pi = next;
      }
    }
  });

  it("the cap takes the largest convex step within |Δπ| ≤ cap", () => {
    const capped = capStep([0.5, 0.3, 0.2], Float64Array.from([0.9, 0.05, 0.05]), 0.1);
    expect(Array.from(capped).map((v) => +v.toFixed(12))).toEqual([0.6, 0.2375, 0.1625]);
    expect(capStep([0.5, 0.5], Float64Array.from([0.55, 0.45]), 0.1)).toEqual(Float64Array.from([0.55, 0.45]));
    expect(capStep([0.5, 0.5], Float64Array.from([1, 0]), 0)).toEqual(Float64Array.from([1, 0]));
  });

  it("the cap bounds |Δπ| in the loop", () => {
    const config = scenario([...TINY, "run.rounds=15", "policy.alpha=1", "policy.simplex.temperature=0.01", "policy.simplex.maxStep=0.02"]);
    const { records } = runScenario(config, vocabulary(config));
    let moved = 0;
    for (const r of records) {
      for (let k = 0; k < 2; k++) {
        const d = Math.abs(r.weights[k] - r.weightsBefore[k]);
        expect(d).toBeLessThanOrEqual(0.02 + 1e-12);
        moved = Math.max(moved, d);
      }
      expect(r.weights[0] + r.weights[1]).toBeCloseTo(1, 12);
    }
    expect(moved).toBeGreaterThan(0.019);
  });
});

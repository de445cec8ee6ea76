import { describe, expect, it } from "vitest";
import { EXPLAIN_RULES, initialRuleState, isStable, ruleOf, step, type ExplainRule } from "../lib/weighting/rules/index.js";

/** Runs a rule from w = 0 under the constant reward r = 1: 'converges' (|w − 1| < 1e-6), 'diverges' (|w| > 1e6), or 'neither'. */
function fate(kind: ExplainRule, alpha: number, beta: number, steps = 4000): "converges" | "diverges" | "neither" {
  let state = initialRuleState([0]);
  const r = [1];
  for (let t = 0; t < steps; t++) {
    state = step(kind, state, r, { alpha, beta, history: 1 });
    if (!(Math.abs(state.w[0]) < 1e6)) return "diverges";
  }
  return Math.abs(state.w[0] - 1) < 1e-6 ? "converges" : "neither";
}

const range = (from: number, to: number, by: number) => Array.from({ length: Math.round((to - from) / by) + 1 }, (_, j) => +(from + j * by).toFixed(6));

describe.each(EXPLAIN_RULES)("%s: the region its rule file declares is where its step converges", (name) => {
  const rule = ruleOf(name);
  const stable = (alpha: number, beta: number) => rule.stability.isStable({ alpha, beta, history: 1 });
  /** Points whose verdict does not change within ±0.05 in α and β: clear of the region's edge. */
  const clear = (alpha: number, beta: number) =>
    [-0.05, 0, 0.05].every((da) => [-0.05, 0, 0.05].every((db) => stable(alpha + da, beta + db) === stable(alpha, beta)));

  it("on a grid over α ∈ [−0.4, 4.5], β ∈ [0, 1.3], away from the edge, it converges exactly inside the region", () => {
    let inside = 0;
    let outside = 0;
    for (const beta of range(0, 1.3, 0.1)) {
      for (const alpha of range(-0.4, 4.5, 0.1)) {
        if (!clear(alpha, beta)) continue;
        const converges = fate(name, alpha, beta, 2000) === "converges";
        expect(converges, `α ${alpha}, β ${beta}: ${stable(alpha, beta) ? "inside" : "outside"} the declared region`).toBe(stable(alpha, beta));
        if (converges) inside++;
        else outside++;
      }
    }
    expect(outside).toBeGreaterThan(100);
    if (rule.stability.region === null) expect(inside).toBe(0);
    else expect(inside).toBeGreaterThan(100);
  });

  if (rule.stability.edge) it(`its edge α = ${rule.stability.edge?.text} is where the region ends, for β from 0 to 0.9`, () => {
    const edge = rule.stability.edge!;
    for (const beta of range(0, 0.9, 0.15)) {
      const at = edge.alpha(beta);
      expect(stable(at - 0.02, beta) && !stable(at + 0.02, beta), `β ${beta}`).toBe(true);
      expect(fate(name, at - 0.02, beta, 20000), `just inside, β ${beta}`).toBe("converges");
      expect(fate(name, at + 0.02, beta, 20000), `just outside, β ${beta}`).toBe("diverges");
    }
  });

  it("reads β and H exactly when it says so", () => {
    const twice = (p: { alpha: number; beta: number; history: number }) => {
      const once = step(name, initialRuleState([0.2, 0.7]), [1, -1], p);
      return Array.from(step(name, once, [1, -1], p).w).join();
    };
    const base = { alpha: 0.3, beta: 0.2, history: 1 };
    expect(twice(base) !== twice({ ...base, beta: 0.6 })).toBe(rule.readsBeta);
    expect(twice(base) !== twice({ ...base, history: 0.5 })).toBe(rule.readsHistory);
  });
});

describe("momentum under a constant reward: converges inside 0 < α < 2(1 + β), diverges outside", () => {
  const alphas = range(0.05, 4.5, 0.05);
  const betas = range(0, 0.95, 0.05);

  it("on a grid over the (α, β) plane, away from the edge, the fate matches the region", () => {
    let inside = 0;
    let outside = 0;
    for (const beta of betas) {
      for (const alpha of alphas) {
        const edge = 2 * (1 + beta);
        if (Math.abs(alpha - edge) < 0.04) continue;
        const expected = alpha < edge ? "converges" : "diverges";
        expect(fate("momentum", alpha, beta), `α ${alpha}, β ${beta}`).toBe(expected);
        expect(isStable("momentum", { alpha, beta, history: 1 })).toBe(alpha < edge);
        if (alpha < edge) inside++;
        else outside++;
      }
    }
    expect(inside).toBeGreaterThan(900);
    expect(outside).toBeGreaterThan(300);
  });

  it.each(betas)("the edge sits at α = 2(1 + β): β = %s", (beta) => {
    const edge = 2 * (1 + beta);
    expect(fate("momentum", edge - 0.02, beta, 20000)).toBe("converges");
    expect(fate("momentum", edge + 0.02, beta, 20000)).toBe("diverges");
  });

  it("oscillates as it nears the edge: the error changes sign every step", () => {
    let state = initialRuleState([0]);
    const signs: number[] = [];
    for (let t = 0; t < 20; t++) {
      state = step("momentum", state, [1], { alpha: 2.9, beta: 0.5, history: 1 });
      signs.push(Math.sign(state.w[0] - 1));
    }
    for (let t = 5; t < 20; t++) expect(signs[t]).toBe(-signs[t - 1]);
  });
});

describe("smoothed under a constant reward: converges for 0 < α < 2 (any 0 ≤ β < 1)", () => {
  it.each([0, 0.3, 0.6, 0.9])("β = %s", (beta) => {
    for (const alpha of range(0.05, 1.95, 0.05)) expect(fate("smoothed", alpha, beta), `α ${alpha}`).toBe("converges");
    for (const alpha of range(2.05, 3, 0.05)) expect(fate("smoothed", alpha, beta), `α ${alpha}`).toBe("diverges");
    expect(isStable("smoothed", { alpha: 1.99, beta, history: 1 })).toBe(true);
    expect(isStable("smoothed", { alpha: 2.01, beta, history: 1 })).toBe(false);
  });
});

describe("ema and seed-history", () => {
  it("ema converges for 0 < α < 2 and diverges beyond", () => {
    for (const alpha of range(0.05, 1.95, 0.1)) expect(fate("ema", alpha, 0)).toBe("converges");
    for (const alpha of range(2.05, 3, 0.1)) expect(fate("ema", alpha, 0)).toBe("diverges");
  });

  it("seed-history has no fixed point under a non-zero reward: w grows by α·r·H every step", () => {
    let state = initialRuleState([0.5]);
    for (let t = 0; t < 10; t++) state = step("seed-history", state, [1], { alpha: 0.1, beta: 0, history: 2 });
    expect(state.w[0]).toBeCloseTo(0.5 + 10 * 0.1 * 2, 12);
    expect(fate("seed-history", 0.1, 0)).not.toBe("converges");
    expect(isStable("seed-history", { alpha: 0.1, beta: 0, history: 1 })).toBe(false);
  });
});

describe("lag after a step in the reward", () => {
  it("ema settles in ⌈log 0.1 / log(1 − α)⌉ rounds; smoothed lags more as β rises", async () => {
    const { stepResponseTime } = await import("../lib/weighting/rules/index.js");
    expect(stepResponseTime("ema", { alpha: 0.1, beta: 0, history: 1 })).toBe(Math.ceil(Math.log(0.1) / Math.log(0.9)));
    const lags = [0, 0.5, 0.8, 0.9, 0.95].map((beta) => stepResponseTime("smoothed", { alpha: 0.1, beta, history: 1 }));
    for (let j = 1; j < lags.length; j++) expect(lags[j]).toBeGreaterThan(lags[j - 1]);
    expect(stepResponseTime("momentum", { alpha: 4, beta: 0.5, history: 1 })).toBe(Infinity);
  });
});

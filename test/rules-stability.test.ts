import { describe, expect, it } from "vitest";
import { initialRuleState, isStable, step, type RuleKind } from "../lib/weighting/rules.js";

/** Runs a rule from w = 0 under the constant reward r = 1: 'converges' (|w − 1| < 1e-6), 'diverges' (|w| > 1e6), or 'neither'. */
function fate(kind: RuleKind, alpha: number, beta: number, steps = 4000): "converges" | "diverges" | "neither" {
  let state = initialRuleState([0]);
  const r = [1];
  for (let t = 0; t < steps; t++) {
    state = step(kind, state, r, { alpha, beta, history: 1 });
    if (!(Math.abs(state.w[0]) < 1e6)) return "diverges";
  }
  return Math.abs(state.w[0] - 1) < 1e-6 ? "converges" : "neither";
}

const range = (from: number, to: number, by: number) => Array.from({ length: Math.round((to - from) / by) + 1 }, (_, j) => +(from + j * by).toFixed(6));

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
    const { stepResponseTime } = await import("../lib/weighting/rules.js");
    expect(stepResponseTime("ema", { alpha: 0.1, beta: 0, history: 1 })).toBe(Math.ceil(Math.log(0.1) / Math.log(0.9)));
    const lags = [0, 0.5, 0.8, 0.9, 0.95].map((beta) => stepResponseTime("smoothed", { alpha: 0.1, beta, history: 1 }));
    for (let j = 1; j < lags.length; j++) expect(lags[j]).toBeGreaterThan(lags[j - 1]);
    expect(stepResponseTime("momentum", { alpha: 4, beta: 0.5, history: 1 })).toBe(Infinity);
  });
});

import { describe, expect, it } from "vitest";
import { collapse, oscillation, recoveryTime, stepVolatility, volatility } from "../lib/metrics/stability.js";

const trajectory = [
  [0.5, 0.5],
  [0.6, 0.4],
  [0.55, 0.45],
  [0.55, 0.45],
  [0.7, 0.3],
];

describe("weight stability", () => {
  it("volatility sums |Δπ| over rounds and components", () => {
    expect(stepVolatility([0.5, 0.5], [0.6, 0.4])).toBeCloseTo(0.2, 12);
    expect(volatility(trajectory)).toBeCloseTo(0.2 + 0.1 + 0 + 0.3, 12);
    expect(volatility([[1, 0]])).toBe(0);
  });

  it("oscillation counts sign changes of Δπ per component, skipping zero steps", () => {
    // Δπ_0 = +0.1, −0.05, 0, +0.15: two changes; Δπ_1 mirrors it
    expect(oscillation(trajectory)).toBe(4);
    expect(oscillation([[0], [1], [2], [3]])).toBe(0);
    expect(oscillation([[0], [1], [0], [1], [0]])).toBe(3);
    expect(oscillation([[0], [1]])).toBe(0);
  });

  it("collapse counts rounds in which one component holds more than the threshold", () => {
    expect(collapse(trajectory)).toBe(0);
    expect(collapse(trajectory, 0.65)).toBe(1);
    expect(collapse([[0.96, 0.04], [0.5, 0.5], [0.02, 0.98]])).toBe(2);
  });
});

describe("recovery time", () => {
  const before = new Array(10).fill(1);

  it("counts rounds after the shift until the metric is back to 90 % of its pre-shift mean", () => {
    const series = [...before, 0.2, 0.4, 0.8, 1, 1, 1, 1, 1];
    expect(recoveryTime(series, 10, 10, 0.9, 1)).toBe(3);
    // 3-round windows from the shift: 0.467, 0.733, 0.933
    expect(recoveryTime(series, 10, 10, 0.9, 3)).toBe(2);
  });

  it("is 0 when the metric never dropped, Infinity when it never recovers", () => {
    expect(recoveryTime([...before, 1, 0.95, 1, 1, 1, 1], 10, 10, 0.9, 5)).toBe(0);
    expect(recoveryTime([...before, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 10, 10, 0.9, 5)).toBe(Infinity);
  });

  it("compares with the mean of the window before the shift only", () => {
    const series = [5, 5, 5, 1, 1, 1, 0.5, 0.85, 0.95, 1];
    expect(recoveryTime(series, 6, 3, 0.9, 1)).toBe(2);
  });

  it("is NaN without rounds before or after the shift", () => {
    expect(recoveryTime([1, 1, 1], 0)).toBeNaN();
    expect(recoveryTime([1, 1, 1], 3)).toBeNaN();
  });
});

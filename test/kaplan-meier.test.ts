import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../lib/stats/kaplan-meier.js";

describe("kaplanMeier", () => {
  it("is the product-limit estimate, checked by hand on seven subjects with two censored", () => {
    // times 1, 2, 2, 3+, 4, 5+, 6 (+: censored)
    // t = 1: 7 at risk, 1 event → 6/7; t = 2: 6 at risk, 2 events → 6/7 · 4/6 = 4/7;
    // t = 3: one censored (at risk 4); t = 4: 3 at risk, 1 event → 4/7 · 2/3 = 8/21; t = 5: censored; t = 6: 1 at risk → 0
    const km = kaplanMeier([4, 2, 3, 1, 6, 2, 5], [true, true, false, true, true, true, false]);
    expect(km.steps.map((s) => [s.time, s.atRisk, s.events, s.censored])).toEqual([
      [1, 7, 1, 0],
      [2, 6, 2, 0],
      [3, 4, 0, 1],
      [4, 3, 1, 0],
      [5, 2, 0, 1],
      [6, 1, 1, 0],
    ]);
    const s = km.steps.map((x) => x.survival);
    [6 / 7, 4 / 7, 4 / 7, 8 / 21, 8 / 21, 0].forEach((v, j) => expect(s[j]).toBeCloseTo(v, 12));
    // S first falls to 0.5 or below at t = 4 (8/21 ≈ 0.381); S(2) = 0.571 is still above
    expect(km.median).toBe(4);
    expect([km.n, km.events]).toEqual([7, 5]);
  });

  it("without censoring, S is the empirical survival and the median the lower sample median", () => {
    const km = kaplanMeier([3, 1, 4, 1, 5, 9], [true, true, true, true, true, true]);
    expect(km.steps.map((x) => x.survival)).toEqual([4 / 6, 3 / 6, 2 / 6, 1 / 6, 0].map((v) => expect.closeTo(v, 12)) as unknown as number[]);
    expect(km.median).toBe(3);
  });

  it("reports a median that is not reached as null, never a number", () => {
    // two of five recover (at 10 and 12); the other three are censored at 45: S never falls below 3/5
    const km = kaplanMeier([10, 45, 12, 45, 45], [true, false, true, false, false]);
    expect(km.steps.at(-1)!.survival).toBeCloseTo(3 / 5, 12);
    expect(km.median).toBeNull();
    expect(kaplanMeier([], []).median).toBeNull();
  });

  it("counts a subject censored at an event time as at risk at that time", () => {
    // events at 2 (two of them), one censored at 2: 3 at risk, S(2) = 1/3
    const km = kaplanMeier([2, 2, 2], [true, false, true]);
    expect(km.steps).toEqual([{ time: 2, atRisk: 3, events: 2, censored: 1, survival: expect.closeTo(1 / 3, 12) }]);
  });

  it("refuses a missing time and mismatched lengths", () => {
    expect(() => kaplanMeier([1, Infinity], [true, false])).toThrow(/time 1 is Infinity/);
    expect(() => kaplanMeier([1], [])).toThrow(/1 times against 0/);
  });
});

import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { bootstrapInterval, quantileSorted } from "../lib/stats/bootstrap.js";
import { meanInterval } from "../lib/stats/mean-interval.js";

const meanOf = (xs: number[]) => (idx: Int32Array) => idx.reduce((s, i) => s + xs[i], 0) / idx.length;

describe("quantileSorted", () => {
  it("interpolates between order statistics as R's type 7 (hand-checked)", () => {
    // h = (5 − 1)·0.3 = 1.2: 2 + 0.2·(4 − 2) = 2.4
    expect(quantileSorted([1, 2, 4, 8, 16], 0.3)).toBeCloseTo(2.4, 12);
    expect(quantileSorted([1, 2, 4, 8, 16], 0)).toBe(1);
    expect(quantileSorted([1, 2, 4, 8, 16], 1)).toBe(16);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it("stays defined next to infinite values", () => {
    expect(quantileSorted([1, 2, Infinity, Infinity], 0.5)).toBe(Infinity);
    expect(quantileSorted([1, 2, Infinity, Infinity], 1 / 3)).toBe(2);
    expect(quantileSorted([1, 2, Infinity], 0.25)).toBeCloseTo(1.5, 12);
  });
});

describe("bootstrapInterval", () => {
  it("resamples with replacement: the mean of two values {0, 1} is 0, ½ or 1 with probabilities ¼, ½, ¼", () => {
    const seen: number[] = [];
    const stat = (idx: Int32Array) => {
      const m = (idx[0] + idx[1]) / 2;
      seen.push(m);
      return m;
    };
    const b = bootstrapInterval(2, stat, new Stream("boot/two"), { resamples: 4000 });
    expect(b.estimate).toBe(0.5);
    const share = (v: number) => seen.slice(1).filter((m) => m === v).length / 4000;
    // binomial standard error at p = ½ over 4000 draws is 0.0079: within 4 se
    expect(Math.abs(share(0.5) - 0.5)).toBeLessThan(4 * 0.0079);
    expect(Math.abs(share(0) - 0.25)).toBeLessThan(4 * 0.0068);
    // 2.5 % and 97.5 % quantiles of a distribution with a quarter at each end are its ends
    expect([b.lo, b.hi]).toEqual([0, 1]);
  });

  it("is exact under a seed and a constant sample gives a point interval", () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6];
    const a = bootstrapInterval(xs.length, meanOf(xs), new Stream(7));
    const b = bootstrapInterval(xs.length, meanOf(xs), new Stream(7));
    expect(a).toEqual(b);
    const c = bootstrapInterval(5, meanOf([2, 2, 2, 2, 2]), new Stream(1));
    expect([c.lo, c.estimate, c.hi]).toEqual([2, 2, 2]);
  });

  it("for the mean of 40 normal values, is close to the t interval (ends within 15 % of its half-width)", () => {
    const s = new Stream("boot/normal");
    const xs = Array.from({ length: 40 }, () => 10 + 3 * s.normal());
    const t = meanInterval(xs);
    const b = bootstrapInterval(xs.length, meanOf(xs), new Stream("boot/resample"), { resamples: 4000 });
    const half = (t.hi - t.lo) / 2;
    expect(b.estimate).toBeCloseTo(t.mean, 12);
    expect(Math.abs(b.lo - t.lo)).toBeLessThan(0.15 * half);
    expect(Math.abs(b.hi - t.hi)).toBeLessThan(0.15 * half);
  });

  it("refuses a statistic that gives NaN", () => {
    expect(() => bootstrapInterval(3, () => Number.NaN, new Stream(1), { resamples: 10 })).toThrow(/NaN on resample/);
  });
});

import { describe, expect, it } from "vitest";
import { meanInterval } from "../lib/stats/mean-interval.js";
import { pairByKey, pairedDifference } from "../lib/stats/paired.js";
import { incompleteBeta, studentTCdf, studentTQuantile } from "../lib/stats/student-t.js";

describe("Student's t", () => {
  it("matches published quantiles (R's qt) to 1e-8", () => {
    const table: [number, number, number][] = [
      [0.975, 1, 12.706204736],
      [0.975, 2, 4.30265273],
      [0.975, 4, 2.776445105],
      [0.975, 9, 2.262157163],
      [0.975, 29, 2.045229642],
      [0.975, 1000, 1.962339081],
      [0.995, 4, 4.604094871],
      [0.95, 5, 2.015048373],
    ];
    for (const [p, df, q] of table) {
      expect(studentTQuantile(p, df)).toBeCloseTo(q, 8);
      expect(studentTQuantile(1 - p, df)).toBeCloseTo(-q, 8);
      expect(studentTCdf(q, df)).toBeCloseTo(p, 10);
    }
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(1, 3)).toBeNaN();
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 14);
  });

  it("computes the incomplete beta by hand-checkable cases", () => {
    // I_x(2, 3) = Σ_{j=2}^{4} C(4, j) x^j (1 − x)^{4−j}; at x = 1/2: (6 + 4 + 1) / 16
    expect(incompleteBeta(0.5, 2, 3)).toBeCloseTo(11 / 16, 12);
    // I_x(1, 1) = x
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
  });
});

describe("meanInterval", () => {
  it("gives mean ± t·sd/√n, checked by hand for 1..5", () => {
    // mean 3, sd √2.5, se √0.5, t(0.975, 4) = 2.7764451
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(m.lo).toBeCloseTo(1.0367568, 6);
    expect(m.hi).toBeCloseTo(4.9632432, 6);
  });

  it("has no interval below two values and refuses a non-finite value", () => {
    const one = meanInterval([0.4]);
    expect(one.mean).toBe(0.4);
    expect(one.lo).toBeNaN();
    expect(() => meanInterval([1, Infinity])).toThrow(/value 1 is Infinity/);
  });

  it("covers the true mean about 95 % of the time (2000 normal samples of 6, seeded)", async () => {
    const { Stream } = await import("../lib/random/stream.js");
    const s = new Stream(7);
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 6 }, () => 1 + 2 * s.normal());
      const m = meanInterval(xs);
      if (m.lo <= 1 && 1 <= m.hi) covered++;
    }
    // binomial se at p = 0.95 over 2000 trials is 0.0049: ± 3 se
    expect(Math.abs(covered / trials - 0.95)).toBeLessThan(3 * 0.0049);
  });
});

describe("pairedDifference", () => {
  it("is the interval of the per-pair differences, checked by hand", () => {
    // d = 2, 3, 2, 3, 3: mean 2.6, sd √0.3, half-width 2.7764451·√0.3/√5 = 0.6800873
    const d = pairedDifference([3, 5, 4, 6, 7], [1, 2, 2, 3, 4]);
    expect(d.mean).toBeCloseTo(2.6, 12);
    expect(d.lo).toBeCloseTo(1.9199127, 6);
    expect(d.hi).toBeCloseTo(3.2800873, 6);
    expect([d.above, d.below, d.ties]).toEqual([5, 0, 0]);
  });

  it("refuses arms of different lengths", () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/pairs must match/);
  });

  it("pairs by key and reports the unpaired keys", () => {
    const p = pairByKey([[3, 0.3], [1, 0.1], [2, 0.2]], [[2, 0.5], [1, 0.4], [4, 0.9]]);
    expect(p.keys).toEqual([1, 2]);
    expect(p.treatment).toEqual([0.1, 0.2]);
    expect(p.baseline).toEqual([0.4, 0.5]);
    expect(p.unpaired.sort()).toEqual([3, 4]);
  });
});

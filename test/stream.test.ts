import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";

const draws = (s: Stream, n: number, f: (s: Stream) => number) => Array.from({ length: n }, () => f(s));

describe("Stream: exact sequences under fixed seeds", () => {
  it("next() is seedrandom's alea for the seed", () => {
    const reference = seedrandom.alea("42");
    const expected = [0.6848634963389486, 0.5463244677521288, 0.8455933185759932, 0.19908552314154804, 0.5637381218839437];
    expect(draws(new Stream(42), 5, (s) => s.next())).toEqual(expected);
    expect(draws(new Stream(42), 5, () => reference())).toEqual(expected);
    expect(new Stream("42").next()).toBe(expected[0]);
  });

  it("normal() is Box–Muller over two uniforms per draw", () => {
    const u = draws(new Stream(42), 6, (s) => s.next());
    const boxMuller = (a: number, b: number) => Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b);
    const expected = [-1.4557828585381143, 0.607870142735578, 1.2543793857703336];
    expect(draws(new Stream(42), 3, (s) => s.normal())).toEqual(expected);
    expected.forEach((x, j) => expect(x).toBeCloseTo(boxMuller(u[2 * j], u[2 * j + 1]), 14));
    expect(new Stream(42).normal(10, 2)).toBeCloseTo(10 + 2 * expected[0], 12);
  });

  it("int(n) is floor(n · next())", () => {
    expect(draws(new Stream(42), 10, (s) => s.int(10))).toEqual([6, 5, 8, 1, 5, 9, 0, 6, 8, 3]);
  });

  it("sample(n, k) is a partial Fisher–Yates in draw order", () => {
    // draws 0.6849, 0.5463, 0.8456, 0.1991: j = 0 + ⌊10·0.6849⌋ = 6, 1 + ⌊9·0.5463⌋ = 5, 2 + ⌊8·0.8456⌋ = 8, 3 + ⌊7·0.1991⌋ = 4
    expect(new Stream(42).sample(10, 4)).toEqual([6, 5, 8, 4]);
    const all = new Stream(42).sample(5, 5);
    expect(all).toEqual([3, 0, 4, 1, 2]);
    expect(() => new Stream(1).sample(3, 4)).toThrow(RangeError);
  });

  it("shuffle and categorical are pinned too", () => {
    expect(new Stream(7).shuffle([0, 1, 2, 3, 4, 5])).toEqual([5, 3, 1, 4, 0, 2]);
    const s = new Stream(3);
    const picks = draws(s, 8, (x) => x.categorical([1, 0, 3]));
    expect(picks).toEqual([2, 2, 0, 2, 0, 0, 0, 2]);
    expect(picks).not.toContain(1);
  });

  it("state can be saved and restored mid-sequence", () => {
    const s = new Stream(5);
    s.next();
    s.next();
    const saved = s.state();
    const rest = draws(s, 4, (x) => x.next());
    expect(draws(Stream.restore(5, saved), 4, (x) => x.next())).toEqual(rest);
  });
});

describe("Stream: forks", () => {
  it("a fork depends only on the seed and the label, not on draws already made", () => {
    const a = new Stream(42);
    const fresh = a.fork("world/drift").next();
    a.next();
    a.normal();
    expect(a.fork("world/drift").next()).toBe(fresh);
    expect(fresh).toBe(new Stream("42/world/drift").next());
    expect(a.fork("world/behaviour").next()).not.toBe(fresh);
    expect(new Stream(43).fork("world/drift").next()).not.toBe(fresh);
  });

  it("drawing from one fork does not change another", () => {
    const master = new Stream(9);
    const untouched = draws(new Stream(9).fork("b"), 20, (s) => s.next());
    const a = master.fork("a");
    const b = master.fork("b");
    const interleaved: number[] = [];
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 1 + (i % 3); j++) a.normal();
      interleaved.push(b.next());
    }
    expect(interleaved).toEqual(untouched);
  });

  it("forks of forks are labelled paths", () => {
    expect(new Stream(1).fork("world").fork("drift").next()).toBe(new Stream("1/world/drift").next());
  });
});

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1) };
}

describe("Stream: distributions", () => {
  const N = 40_000;

  it("uniform next() has mean 1/2 and variance 1/12, all in [0, 1)", () => {
    const xs = draws(new Stream(11), N, (s) => s.next());
    const m = moments(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 2);
  });

  it("normal(μ, σ) has mean μ and variance σ²", () => {
    const m = moments(draws(new Stream(12), N, (s) => s.normal(3, 2)));
    // standard errors: 2/√N = 0.01 for the mean, σ²·√(2/N) = 0.028 for the variance
    expect(Math.abs(m.mean - 3)).toBeLessThan(0.04);
    expect(Math.abs(m.variance - 4)).toBeLessThan(0.12);
  });

  it.each([0.5, 2, 7])("gamma(%f) has mean and variance equal to its shape", (shape) => {
    const xs = draws(new Stream(13), N, (s) => s.gamma(shape));
    const m = moments(xs);
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.abs(m.mean - shape)).toBeLessThan(4 * Math.sqrt(shape / N) + 1e-3);
    expect(Math.abs(m.variance / shape - 1)).toBeLessThan(0.06);
  });

  it.each([0.3, 4, 50])("poisson(%f) has mean and variance λ, integer draws", (lambda) => {
    const xs = draws(new Stream(14), N, (s) => s.poisson(lambda));
    const m = moments(xs);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(Math.abs(m.mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / N));
    expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(0.05);
  });

  it("poisson(0) is 0 and exponential(rate) has mean 1/rate", () => {
    expect(new Stream(1).poisson(0)).toBe(0);
    expect(moments(draws(new Stream(15), N, (s) => s.exponential(4))).mean).toBeCloseTo(0.25, 2);
  });

  it("dirichlet draws sum to 1 with mean α_i / Σα", () => {
    const alpha = [1, 2, 5];
    const s = new Stream(16);
    const sums = [0, 0, 0];
    const n = 5000;
    for (let i = 0; i < n; i++) {
      const d = s.dirichlet(alpha);
      expect(d.length).toBe(3);
      expect(Math.abs(d[0] + d[1] + d[2] - 1)).toBeLessThan(1e-12);
      expect(Math.min(...d)).toBeGreaterThanOrEqual(0);
      d.forEach((v, k) => (sums[k] += v));
    }
    alpha.forEach((a, k) => expect(sums[k] / n).toBeCloseTo(a / 8, 2));
  });

  it("categorical picks in proportion to the weights; int and sample are uniform", () => {
    const s = new Stream(17);
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[s.categorical([1, 2, 1])]++;
    expect(counts[0] / N).toBeCloseTo(0.25, 1);
    expect(counts[1] / N).toBeCloseTo(0.5, 1);
    const ints = new Array(5).fill(0);
    for (let i = 0; i < N; i++) ints[s.int(5)]++;
    for (const c of ints) expect(Math.abs(c / N - 0.2)).toBeLessThan(0.015);
    const firsts = new Array(6).fill(0);
    for (let i = 0; i < 12_000; i++) {
      const picked = s.sample(6, 3);
      expect(new Set(picked).size).toBe(3);
      firsts[picked[2]]++;
    }
    for (const c of firsts) expect(Math.abs(c / 12_000 - 1 / 6)).toBeLessThan(0.02);
  });
});

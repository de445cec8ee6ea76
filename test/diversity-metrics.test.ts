import { describe, expect, it } from "vitest";
import { catalogCoverage, cosine, distributionalCoverage, gini, intraListDiversity, novelty } from "../lib/metrics/diversity.js";

// items 0 = (1, 0), 1 = (0, 1), 2 = (1, 1), 3 = (0, 0)
const features = new Float32Array([1, 0, 0, 1, 1, 1, 0, 0]);

describe("intra-list diversity: 1 − mean pairwise cosine", () => {
  it("is 1 − (0 + 1/√2 + 1/√2)/3 for three items", () => {
    expect(cosine(features, 0, 4, 2)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(intraListDiversity([0, 1, 2], features, 2)).toBeCloseTo(1 - Math.SQRT2 / 3, 6);
  });

  it("is 1 for orthogonal items, 0 for identical ones, 0 for a list shorter than two", () => {
    expect(intraListDiversity([0, 1], features, 2)).toBe(1);
    expect(intraListDiversity([2, 2], features, 2)).toBeCloseTo(0, 6);
    expect(intraListDiversity([0], features, 2)).toBe(0);
    expect(intraListDiversity([], features, 2)).toBe(0);
  });

  it("treats a zero vector as dissimilar to everything", () => {
    expect(intraListDiversity([0, 3], features, 2)).toBe(1);
  });
});

describe("novelty: mean over recommendation rows of −log2(n_i / N)", () => {
  it("skips items never interacted with in the sum but not in the count", () => {
    const counts = [3, 1, 0, 4];
    const expected = (-Math.log2(3 / 8) - 2 * Math.log2(1 / 8)) / 4;
    expect(novelty([0, 1, 2, 1], counts, 8)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(1.853759, 6);
  });

  it("is higher for rarer items, 0 without history or recommendations", () => {
    expect(novelty([3], [3, 1, 0, 4], 8)).toBeCloseTo(1, 12);
    expect(novelty([1], [3, 1, 0, 4], 8)).toBeCloseTo(3, 12);
    expect(novelty([], [3], 3)).toBe(0);
    expect(novelty([0], [0], 0)).toBe(0);
  });
});

describe("coverage", () => {
  it("catalog coverage is distinct recommended items over the catalog size", () => {
    expect(catalogCoverage([1, 1, 2, 5], 10)).toBeCloseTo(0.3, 12);
    expect(catalogCoverage([], 10)).toBe(0);
    expect(catalogCoverage([1], 0)).toBe(0);
  });

  it("distributional coverage is the entropy (bits) of how often each item was recommended", () => {
    expect(distributionalCoverage([1, 1, 2, 5])).toBeCloseTo(1.5, 12);
    expect(distributionalCoverage([4, 5, 6, 7])).toBeCloseTo(2, 12);
    expect(distributionalCoverage([3, 3, 3])).toBe(0);
    expect(distributionalCoverage([])).toBe(0);
  });
});

describe("exposure Gini", () => {
  it("matches hand-computed values", () => {
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12);
    expect(gini([3, 1, 2])).toBeCloseTo(2 / 9, 12);
    expect(gini([5, 5, 5, 5])).toBeCloseTo(0, 12);
    expect(gini([0, 0])).toBe(0);
  });

  it("equals the mean absolute difference over twice the mean", () => {
    const xs = [4, 0, 7, 1, 1, 9, 3];
    let diff = 0;
    for (const a of xs) for (const b of xs) diff += Math.abs(a - b);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(gini(xs)).toBeCloseTo(diff / (2 * xs.length ** 2 * mean), 12);
  });
});

import { describe, expect, it } from "vitest";
import { meanScores, rankingScores, topN } from "../lib/metrics/ranking.js";

const log2 = Math.log2;

describe("rankingScores (Microsoft Recommenders' definitions)", () => {
  it("scores hits at ranks 2 and 5 of five with three relevant items", () => {
    const s = rankingScores([1, 2, 3, 4, 5], new Set([2, 5, 9]), 5);
    expect(s.precision).toBeCloseTo(2 / 5, 12);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    const dcg = 1 / log2(3) + 1 / log2(6);
    const idcg = 1 / log2(2) + 1 / log2(3) + 1 / log2(4);
    expect(s.ndcg).toBeCloseTo(dcg / idcg, 12);
    expect(s.ndcg).toBeCloseTo(0.4776, 4); // (0.6309 + 0.3869) / 2.1309
    expect(s.map).toBeCloseTo((1 / 2 + 2 / 5) / 3, 12);
    expect(s.hit).toBe(1);
  });

  it("precision@k divides by k even when the list is shorter", () => {
    const s = rankingScores([2], new Set([2, 5, 9]), 5);
    expect(s.precision).toBeCloseTo(1 / 5, 12);
    expect(s.recall).toBeCloseTo(1 / 3, 12);
    expect(s.ndcg).toBeCloseTo(1 / (1 + 1 / log2(3) + 1 / log2(4)), 12);
    expect(s.map).toBeCloseTo(1 / 3, 12);
  });

  it("only the top k count, and the ideal DCG has min(|relevant|, k) terms", () => {
    const s = rankingScores([9, 1, 2], new Set([2, 5, 9]), 2);
    expect(s.precision).toBeCloseTo(1 / 2, 12);
    expect(s.recall).toBeCloseTo(1 / 3, 12);
    expect(s.ndcg).toBeCloseTo(1 / (1 + 1 / log2(3)), 12);
    expect(s.map).toBeCloseTo(1 / 2, 12);
  });

  it("a perfect list scores 1 on precision, NDCG, MAP and hit", () => {
    const s = rankingScores([7, 8, 9], new Set([7, 8, 9]), 3);
    expect(s).toEqual({ precision: 1, recall: 1, ndcg: 1, map: 1, hit: 1 });
  });

  it("no hit, or no relevant items, scores 0", () => {
    expect(rankingScores([1, 2], new Set([3]), 2)).toEqual({ precision: 0, recall: 0, ndcg: 0, map: 0, hit: 0 });
    expect(rankingScores([1, 2], new Set(), 2)).toEqual({ precision: 0, recall: 0, ndcg: 0, map: 0, hit: 0 });
  });

  it("meanScores averages over users", () => {
    const m = meanScores([
      { precision: 0.2, recall: 1, ndcg: 0.5, map: 0.1, hit: 1 },
      { precision: 0.4, recall: 0, ndcg: 0.3, map: 0.3, hit: 0 },
    ]);
    expect(m.precision).toBeCloseTo(0.3, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
    expect(m.ndcg).toBeCloseTo(0.4, 12);
    expect(m.map).toBeCloseTo(0.2, 12);
    expect(m.hit).toBeCloseTo(0.5, 12);
    expect(meanScores([])).toEqual({ precision: 0, recall: 0, ndcg: 0, map: 0, hit: 0 });
  });
});

describe("topN", () => {
  const values = [0.5, 0.9, 0.1, 0.9, 0.7];

  it("returns the largest values best first, ties to the lower id", () => {
    expect(topN(values, 3)).toEqual([1, 3, 4]);
    expect(topN(values, 10)).toEqual([1, 3, 4, 0, 2]);
    expect(topN(values, 0)).toEqual([]);
  });

  it("skips excluded ids", () => {
    expect(topN(values, 3, new Set([1]))).toEqual([3, 4, 0]);
    expect(topN(values, 3, new Set([0, 1, 2, 3, 4]))).toEqual([]);
  });

  it("topN(n) is the prefix of topN(m) for m > n, on random data with ties", () => {
    const xs = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 101) / 10);
    const exclude = new Set([3, 50, 77]);
    const long = topN(xs, 40, exclude);
    for (const n of [1, 5, 20, 39]) expect(topN(xs, n, exclude)).toEqual(long.slice(0, n));
    const sorted = xs
      .map((v, i) => ({ v, i }))
      .filter(({ i }) => !exclude.has(i))
      .sort((a, b) => b.v - a.v || a.i - b.i)
      .slice(0, 40)
      .map(({ i }) => i);
    expect(long).toEqual(sorted);
  });
});

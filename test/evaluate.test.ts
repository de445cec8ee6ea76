import { describe, expect, it } from "vitest";
import { evaluate, type Interaction } from "../lib/metrics/evaluate.js";

const rows = (list: [string, string, number][]): Interaction[] => list.map(([user, item, value]) => ({ user, item, value }));

const truth = rows([
  ["u1", "a", 5],
  ["u1", "b", 4],
  ["u1", "c", 3],
  ["u2", "d", 5],
]);
const predictions = rows([
  ["u1", "y", 0.1],
  ["u1", "a", 0.9],
  ["u1", "b", 0.7],
  ["u1", "x", 0.8],
  ["u2", "e", 0.5],
  ["u2", "d", 0.4],
  ["u3", "a", 1],
]);
const train = [
  { user: "u1", item: "a" },
  { user: "u1", item: "b" },
  { user: "u2", item: "a" },
  { user: "u2", item: "d" },
  { user: "u3", item: "z" },
];
const itemFeatures = new Map([
  ["a", [1, 0]],
  ["b", [0, 1]],
  ["x", [1, 1]],
  ["d", [1, 0]],
  ["e", [0, 1]],
]);

describe("evaluate(): a recommendation file against the truth", () => {
  // u1's top 3 is a, x, b (hits at ranks 1 and 3 of 3 relevant); u2's is e, d (hit at rank 2 of 1 relevant);
  // u3 has no truth and counts only for the beyond-accuracy metrics.
  const r = evaluate({ truth, predictions, k: 3, train, itemFeatures });

  it("averages ranking metrics over users in both files", () => {
    expect(r.users).toBe(2);
    expect(r.k).toBe(3);
    expect(r.precision).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
    expect(r.recall).toBeCloseTo((2 / 3 + 1) / 2, 12);
    const ndcg1 = (1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3) + 1 / Math.log2(4));
    const ndcg2 = 1 / Math.log2(3);
    expect(r.ndcg).toBeCloseTo((ndcg1 + ndcg2) / 2, 12);
    expect(r.map).toBeCloseTo(((1 + 2 / 3) / 3 + 1 / 2) / 2, 12);
    expect(r.hit).toBe(1);
  });

  it("computes novelty and catalog coverage against the training interactions", () => {
    // six recommendation rows a, x, b, e, d, a; train counts a 2, b 1, d 1, z 1 of 5
    expect(r.novelty).toBeCloseTo((2 * -Math.log2(2 / 5) + 2 * -Math.log2(1 / 5)) / 6, 12);
    expect(r.catalog_coverage).toBeCloseTo(5 / 4, 12);
    const p = [2 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6];
    expect(r.distributional_coverage).toBeCloseTo(-p.reduce((s, q) => s + q * Math.log2(q), 0), 12);
  });

  it("computes intra-list diversity over lists of two or more items", () => {
    // u1: cos(a,x) = cos(x,b) = 1/√2, cos(a,b) = 0; u2: orthogonal; u3's single item has no pairs
    expect(r.ild).toBeCloseTo((1 - Math.SQRT2 / 3 + 1) / 2, 6);
  });

  it("leaves out items without features from diversity", () => {
    const partial = new Map([...itemFeatures].filter(([item]) => item !== "x"));
    expect(evaluate({ truth, predictions, k: 3, itemFeatures: partial }).ild).toBeCloseTo(1, 6);
    expect(() => evaluate({ truth, predictions, k: 3, itemFeatures: new Map([["a", [1, 0]], ["b", [1]]]) })).toThrow(/'b' has 1 values/);
  });

  it("omits the metrics whose inputs are missing", () => {
    const bare = evaluate({ truth, predictions, k: 3 });
    expect(bare.novelty).toBeUndefined();
    expect(bare.catalog_coverage).toBeUndefined();
    expect(bare.ild).toBeUndefined();
    expect(bare.distributional_coverage).toBeCloseTo(r.distributional_coverage!, 12);
  });

  it("breaks ties in prediction by file order, and k cuts each user's list", () => {
    const tied = evaluate({
      truth: rows([["u", "q", 1]]),
      predictions: rows([
        ["u", "p", 0.5],
        ["u", "q", 0.5],
        ["u", "r", 0.5],
      ]),
      k: 1,
    });
    expect(tied.precision).toBe(0);
    const second = evaluate({ truth: rows([["u", "q", 1]]), predictions: rows([["u", "p", 0.5], ["u", "q", 0.5], ["u", "r", 0.5]]), k: 2 });
    expect(second.precision).toBeCloseTo(1 / 2, 12);
    expect(second.ndcg).toBeCloseTo(1 / Math.log2(3), 12);
  });
});

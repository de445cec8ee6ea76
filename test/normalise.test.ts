import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { normaliseRows, rankPercentile, reciprocalRank } from "../lib/recommenders/normalise.js";

/** The definition: (number of values below + (number equal − 1) / 2) / (n − 1), compared at float32 precision. */
function reference(row: Float32Array, scale = 1 / (row.length - 1)): Float32Array {
  return Float32Array.from(row, (v) => {
    let below = 0;
    let equal = 0;
    for (const w of row) {
      if (w < v) below++;
      else if (w === v) equal++;
    }
    return (below + (equal - 1) / 2) * scale;
  });
}

describe("rank-percentile normalisation", () => {
  it("maps the best item to 1, the worst to 0, and ties to their mean rank", () => {
    const out = new Float32Array(5);
    rankPercentile(new Float32Array([0.2, 5, -1, 0.2, 3]), out);
    expect(Array.from(out)).toEqual([0.375, 1, 0, 0.375, 0.75]);
  });

  it("matches the definition on random rows with ties, negative values, ±0 and infinities", () => {
    const s = new Stream("normalise");
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + s.int(800);
      const levels = 1 + s.int(n);
      const row = Float32Array.from({ length: n }, () => (s.int(levels) - levels / 2) * s.uniform(0.5, 1.5) * (trial % 2 ? 1e-3 : 1e3));
      if (trial % 5 === 0) row.set([0, -0, Infinity, -Infinity].slice(0, Math.min(4, n)));
      const out = new Float32Array(n);
      rankPercentile(row, out);
      expect(out).toEqual(reference(row));
    }
  });

  it("matches the definition on sparse rows (mostly zeros, some negative, NaN), by rank and by reciprocal rank", () => {
    const s = new Stream("normalise-sparse");
    for (let trial = 0; trial < 30; trial++) {
      const n = 2 + s.int(600);
      const row = new Float32Array(n);
      for (let i = 0; i < n; i++) if (s.next() < 0.15) row[i] = s.int(7) - 2 + (trial % 3 ? 0 : s.normal());
      if (trial % 4 === 0) row[s.int(n)] = -0;
      if (trial % 7 === 0) row[s.int(n)] = NaN;
      const percentile = new Float32Array(n);
      rankPercentile(row, percentile);
      const reciprocal = new Float32Array(n);
      reciprocalRank(row, reciprocal, 10);
      const comparable = row.map((v) => (Number.isNaN(v) ? -Infinity : v));
      expect(percentile).toEqual(reference(comparable));
      const ascending = reference(comparable, 1);
      expect(reciprocal).toEqual(Float32Array.from(ascending, (a) => 10 / (10 + (n - 1 - a))));
    }
  });

  it("ranks NaN lowest, and gives a single item 0.5", () => {
    const out = new Float32Array(3);
    rankPercentile(new Float32Array([NaN, 1, 2]), out);
    expect(Array.from(out)).toEqual([0, 0.5, 1]);
    const one = new Float32Array(1);
    rankPercentile([7], one);
    expect(one[0]).toBe(0.5);
  });

  it("normalises each row separately, by rank or by min–max", () => {
    const scores = new Float32Array([1, 2, 3, 30, 20, 10, 4, 4, 4]);
    expect(Array.from(normaliseRows(scores, 3, 3, "rank"))).toEqual([0, 0.5, 1, 1, 0.5, 0, 0.5, 0.5, 0.5]);
    expect(Array.from(normaliseRows(scores, 3, 3, "minmax"))).toEqual([0, 0.5, 1, 1, 0.5, 0, 0.5, 0.5, 0.5]);
    expect(Array.from(normaliseRows(new Float32Array([0, 1, 3]), 1, 3, "minmax"))).toEqual([0, 1 / 3, 1].map(Math.fround));
  });
});

import { describe, expect, it } from "vitest";
import { negativeSampler } from "../lib/encoders/negative-sampler.js";
import { createSegmentEncoder } from "../lib/encoders/segment-encoder.js";
import { firstPrincipalComponent, removeComponent, sifAverage, sifWeights } from "../lib/encoders/sif.js";
import { keepProbabilities, skipgramPairs } from "../lib/encoders/skipgram-pairs.js";
import { topicPurity } from "../lib/encoders/topic-purity.js";
import { buildWordVocabulary, wordIds } from "../lib/encoders/word-vocabulary.js";
import { Stream } from "../lib/random/stream.js";

describe("word vocabulary", () => {
  it("keeps words seen minCount times, most frequent first, ties alphabetical", () => {
    const v = buildWordVocabulary([["b", "a", "c", "b"], ["a", "d", "b"]], 2, 10);
    expect(v.words).toEqual(["b", "a"]);
    expect(Array.from(v.counts)).toEqual([3, 2]);
    expect(Array.from(wordIds(["a", "x", "b"], v))).toEqual([1, 0]);
  });

  it("caps the vocabulary at maxWords", () => {
    expect(buildWordVocabulary([["a", "b", "c", "a"]], 1, 2).words).toEqual(["a", "b"]);
  });
});

describe("skip-gram pairs", () => {
  it("pairs each word with neighbours within the window, never itself, never across sentences", () => {
    const keep = new Float64Array(10).fill(1);
    const { centers, contexts } = skipgramPairs([Int32Array.of(0, 1, 2, 3), Int32Array.of(4, 5)], 2, keep, new Stream(1));
    expect(centers.length).toBe(contexts.length);
    for (let i = 0; i < centers.length; i++) {
      expect(centers[i]).not.toBe(contexts[i]);
      expect(centers[i] < 4).toBe(contexts[i] < 4);
      expect(Math.abs(centers[i] - contexts[i])).toBeLessThanOrEqual(2);
    }
    const window1 = skipgramPairs([Int32Array.of(0, 1, 2, 3)], 1, keep, new Stream(1));
    expect(window1.centers.length).toBe(6);
  });

  it("keeps every occurrence below the subsampling threshold and drops frequent words more often", () => {
    const keep = keepProbabilities(Float64Array.of(1000, 1), 1e-3);
    expect(keep[1]).toBe(1);
    expect(keep[0]).toBeCloseTo(Math.sqrt(1e-3 * 1.001) + 1e-3 * 1.001, 6);
    expect(Array.from(keepProbabilities(Float64Array.of(5, 5), 0))).toEqual([1, 1]);
  });
});

describe("negative sampler", () => {
  it("draws word ids in proportion to count^0.75", () => {
    const counts = Float64Array.of(16, 1, 0);
    const draw = negativeSampler(counts);
    const s = new Stream(3);
    const tally = [0, 0, 0];
    for (let i = 0; i < 20000; i++) tally[draw(s)]++;
    expect(tally[2]).toBe(0);
    expect(tally[0] / 20000).toBeCloseTo(8 / 9, 1.5);
  });
});

describe("SIF", () => {
  it("weights rare words up: a / (a + p(w))", () => {
    const w = sifWeights(Float64Array.of(9, 1), 0.1);
    expect(w[0]).toBeCloseTo(0.1 / (0.1 + 0.9), 9);
    expect(w[1]).toBeCloseTo(0.1 / (0.1 + 0.1), 9);
  });

  it("averages weighted word vectors and leaves empty sentences at zero", () => {
    const vectors = Float32Array.of(1, 0, 0, 1);
    const out = sifAverage([Int32Array.of(0, 1), Int32Array.of()], vectors, Float64Array.of(1, 0.5), 2);
    expect(Array.from(out)).toEqual([0.5, 0.25, 0, 0]);
  });

  it("finds the dominant direction and removes it", () => {
    const rows = Float32Array.of(3, 0.1, -3, 0.2, 2.9, -0.1);
    const pc = firstPrincipalComponent(rows, 2);
    expect(Math.abs(pc[0])).toBeGreaterThan(0.99);
    removeComponent(rows, 2, pc);
    for (let r = 0; r < 3; r++) expect(rows[r * 2] * pc[0] + rows[r * 2 + 1] * pc[1]).toBeCloseTo(0, 6);
  });
});

describe("topic purity", () => {
  it("is the share of nearest neighbours with the same label", () => {
    const v = Float32Array.of(1, 0, 0.9, Math.sqrt(1 - 0.81), 0, 1, 0.1, Math.sqrt(0.99));
    expect(topicPurity(v, 2, [0, 0, 1, 1], 1)).toBe(1);
    expect(topicPurity(v, 2, [0, 1, 0, 1], 1)).toBe(0);
    expect(topicPurity(v, 2, [0, 0, 1, 1], 3)).toBeCloseTo(1 / 3, 9);
  });
});

describe("segment encoder", () => {
  it("composes a text from the known phrases it contains, longest match first", () => {
    const enc = createSegmentEncoder({ kind: "x", model: "m", dim: 2 }, ["black hole", "black", "hole punch"], Float32Array.of(1, 0, 0, 1, 5, 5));
    expect(Array.from(enc.encodeSync(["Black hole!"]))).toEqual([1, 0]);
    const mixed = enc.encodeSync(["black, and black hole"]);
    expect(mixed[0]).toBeCloseTo(1 / Math.SQRT2, 6);
    expect(Array.from(enc.encodeSync(["nothing known"]))).toEqual([0, 0]);
  });
});

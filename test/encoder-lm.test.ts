import { describe, expect, it } from "vitest";
import { backend } from "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { createHashingEncoder } from "../lib/encoders/hashing.js";
import { createLmEncoder, lmModelKey, trainLm, validateLmOptions } from "../lib/encoders/lm.js";
import { topicPurity } from "../lib/encoders/topic-purity.js";
import { worldCorpus, worldItems } from "../lib/simulation/world-corpus.js";
import { scenario, vocabulary } from "./support/scenario.js";

const config = scenario(["world.items=300", "world.users=30", "run.rounds=10"]);
const vocab = vocabulary(config);
const items = worldItems(config, vocab);
const corpus = worldCorpus(config, vocab, items);

describe(`lm encoder (SGNS + SIF, ${backend})`, () => {
  it("recovers the world's topics better than hashing (nearest-neighbour purity)", async () => {
    const before = tf.memory().numTensors;
    const model = await trainLm(corpus);
    expect(tf.memory().numTensors).toBe(before);
    const lm = topicPurity(createLmEncoder(model).encodeSync(items.text), model.options.dim, items.mainTopic, 10);
    const hashing = topicPurity(createHashingEncoder({ dim: 64 }).encodeSync(items.text), 64, items.mainTopic, 10);
    expect(lm).toBeGreaterThan(hashing + 0.2);
    expect(lm).toBeGreaterThan(0.8);
  });

  it("is deterministic and its loss falls over the epochs", async () => {
    const small = corpus.slice(0, 120);
    const a = await trainLm(small, { epochs: 3 });
    const b = await trainLm(small, { epochs: 3 });
    expect(Array.from(a.vectors)).toEqual(Array.from(b.vectors));
    expect(a.losses).toEqual(b.losses);
    expect(a.losses[2]).toBeLessThan(a.losses[0]);
    const c = await trainLm(small, { epochs: 1, seed: 8 });
    expect(c.vectors[0]).not.toBe(a.vectors[0]);
  });

  it("gives unit rows, zero rows for texts with no known word, and the same vector for the same text", async () => {
    const model = await trainLm(corpus.slice(0, 150), { epochs: 1, dim: 16 });
    const enc = createLmEncoder(model);
    const v = enc.encodeSync(["rocket launch", "qqq zzz", "rocket launch"]);
    expect(enc.dim).toBe(16);
    expect(Math.hypot(...v.subarray(0, 16))).toBeCloseTo(1, 5);
    expect(Array.from(v.subarray(16, 32)).every((x) => x === 0)).toBe(true);
    expect(Array.from(v.subarray(32, 48))).toEqual(Array.from(v.subarray(0, 16)));
    expect(enc.model).toBe(`sgns-d16-${model.key}`);
  });

  it("keys models by corpus and options", () => {
    const o = validateLmOptions();
    expect(lmModelKey(corpus, o)).toBe(lmModelKey(corpus.slice(), { ...o }));
    expect(lmModelKey(corpus, o)).not.toBe(lmModelKey(corpus.slice(1), o));
    expect(lmModelKey(corpus, o)).not.toBe(lmModelKey(corpus, { ...o, window: 4 }));
  });

  it("rejects bad options and corpora naming the field", async () => {
    expect(() => validateLmOptions({ dim: 1 })).toThrow("lm.dim: expected an integer ≥ 2, got 1");
    expect(() => validateLmOptions({ learningRate: 0 })).toThrow("lm.learningRate");
    await expect(trainLm(["one lonely sentence"])).rejects.toThrow("lm: the corpus has 0 word(s) seen 2+ times");
  });
});

import { describe, expect, it } from "vitest";
import { backend } from "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import type { SyncEncoder } from "../lib/encoders/encoder.js";
import { createHashingEncoder } from "../lib/encoders/hashing.js";
import { createLmEncoder, trainLm } from "../lib/encoders/lm.js";
import { sentimentExamples, sentimentScores, trainSentiment } from "../lib/encoders/sentiment.js";
import { Stream } from "../lib/random/stream.js";
import { worldCorpus } from "../lib/simulation/world-corpus.js";
import { userReview } from "../lib/world/text.js";
import { scenario, vocabulary } from "./support/scenario.js";

const config = scenario(["world.items=200", "world.users=30", "run.rounds=10"]);
const vocab = vocabulary(config);
const contexts = vocab.topics.flatMap((t) => t.phrases);

/** Reviews as the world writes them, with the world's truth kept aside for scoring only. */
function worldReviews(n: number) {
  const stream = new Stream("reviews");
  return Array.from({ length: n }, () => {
    const positive = stream.next() < 0.5;
    return { text: userReview(stream.int(vocab.topics.length), positive, vocab, stream), positive };
  });
}

function accuracy(encoder: SyncEncoder): number {
  const examples = sentimentExamples(vocab.sentiment, contexts, 8, new Stream(1));
  const model = trainSentiment(encoder.encodeSync(examples.texts), examples.labels, encoder.dim);
  expect(model.accuracy).toBeGreaterThan(0.75);
  const reviews = worldReviews(300);
  const p = sentimentScores(model, encoder.encodeSync(reviews.map((r) => r.text)));
  return reviews.filter((r, i) => p[i] > 0.5 === r.positive).length / reviews.length;
}

describe(`review sentiment read from embeddings (${backend})`, () => {
  it("builds labelled examples from the seed lexicon, alone and beside context", () => {
    const ex = sentimentExamples({ positive: ["good"], negative: ["bad"] }, ["rocket launch"], 2, new Stream(1));
    expect(ex.texts.length).toBe(6);
    expect(Array.from(ex.labels)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(ex.texts.filter((t) => t.includes("rocket launch")).length).toBe(4);
  });

  it("reads the world's reviews with the hashing encoder", () => {
    const before = tf.memory().numTensors;
    expect(accuracy(createHashingEncoder({ dim: 64 }))).toBeGreaterThan(0.85);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("reads the world's reviews with the lm encoder, above chance (its corpus carries no polarity)", async () => {
    const model = await trainLm(worldCorpus(config, vocab), { epochs: 2 });
    expect(accuracy(createLmEncoder(model))).toBeGreaterThan(0.7);
  });
});

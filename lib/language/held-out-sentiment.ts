import { grammarReviews, trainReader } from "../encoders/sentiment.js";
import { Stream } from "../random/stream.js";
import type { Vocabulary } from "../world/topics.js";

export interface SentimentAccuracy {
  /** Share of held-out reviews the reader labels correctly (P(positive) > ½ for the positive ones). */
  accuracy: number;
  /** Share of the larger class: what always answering it scores. */
  majority: number;
  /** The reader's accuracy on its own training examples. */
  training: number;
  reviews: number;
}

/**
 * The run's sentiment reader (trained as trainReader trains it, from the seed) scored on `n` free-form reviews
 * written only from the grammar's held-out part: polarity words, intensifiers, negators and templates the
 * reader never saw, negation included. Needs a TensorFlow.js backend.
 */
export function heldOutSentiment(encode: (texts: string[]) => Float32Array, dim: number, vocabulary: Vocabulary, seed: number, n: number): SentimentAccuracy {
  const reader = trainReader(encode, dim, vocabulary, seed);
  const test = grammarReviews(vocabulary, "heldOut", n, new Stream(seed).fork("sentiment/held-out"));
  const p = reader.read(test.texts);
  let correct = 0;
  let positives = 0;
  test.labels.forEach((y, i) => {
    if ((p[i] > 0.5 ? 1 : 0) === y) correct++;
    positives += y;
  });
  return { accuracy: correct / n, majority: Math.max(positives, n - positives) / n, training: reader.model.accuracy, reviews: n };
}

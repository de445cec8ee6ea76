import * as tf from "@tensorflow/tfjs-core";
import { Stream } from "../random/stream.js";
import type { Vocabulary } from "../world/topics.js";

/** A logistic-regression reader of review sentiment on text embeddings, as plain data. */
export interface SentimentModel {
  dim: number;
  weights: number[];
  bias: number;
  /** Share of its training examples it labels correctly. */
  accuracy: number;
}

export interface SentimentOptions {
  steps: number;
  learningRate: number;
  /** L2 penalty on the weights. */
  l2: number;
}

export const DEFAULT_SENTIMENT_OPTIONS: SentimentOptions = { steps: 400, learningRate: 2, l2: 1e-3 };

export interface Lexicon {
  positive: string[];
  negative: string[];
}

/**
 * Labelled training texts from a seed lexicon: each phrase alone, and `perPhrase` times beside a random context
 * text (before or after it), so the reader learns to ignore what the rest of a text is about.
 */
export function sentimentExamples(lexicon: Lexicon, contexts: string[], perPhrase: number, stream: Stream): { texts: string[]; labels: Float32Array } {
  const texts: string[] = [];
  const labels: number[] = [];
  for (const [phrases, label] of [[lexicon.positive, 1], [lexicon.negative, 0]] as const) {
    for (const p of phrases) {
      texts.push(p);
      labels.push(label);
      for (let j = 0; j < perPhrase && contexts.length > 0; j++) {
        const c = contexts[stream.int(contexts.length)];
        texts.push(stream.next() < 0.5 ? `${p}, ${c}` : `${c}, ${p}`);
        labels.push(label);
      }
    }
  }
  return { texts, labels: Float32Array.from(labels) };
}

/** Full-batch gradient descent on the mean log loss, in TensorFlow.js (gradients written out: Xᵀ(σ(Xw + b) − y)). */
export function trainSentiment(vectors: Float32Array, labels: Float32Array, dim: number, options: Partial<SentimentOptions> = {}): SentimentModel {
  const o = { ...DEFAULT_SENTIMENT_OPTIONS, ...options };
  const n = labels.length;
  if (vectors.length !== n * dim) throw new Error(`sentiment: ${vectors.length} values for ${n} examples × ${dim}`);
  const x = tf.tensor2d(vectors, [n, dim]);
  const y = tf.tensor2d(labels, [n, 1]);
  let w: tf.Tensor2D = tf.zeros([dim, 1]);
  let b: tf.Scalar = tf.scalar(0);
  for (let step = 0; step < o.steps; step++) {
    const [nextW, nextB] = tf.tidy(() => {
      const g = tf.sub(tf.sigmoid(tf.add(tf.matMul(x, w), b)), y);
      const gw = tf.add(tf.div(tf.matMul(x, g, true, false), n), tf.mul(w, o.l2));
      return [tf.sub(w, tf.mul(gw, o.learningRate)), tf.sub(b, tf.mul(tf.mean(g), o.learningRate))] as [tf.Tensor2D, tf.Scalar];
    });
    tf.dispose([w, b]);
    w = nextW;
    b = nextB;
  }
  const model = { dim, weights: Array.from(w.dataSync()), bias: b.dataSync()[0], accuracy: 0 };
  tf.dispose([x, y, w, b]);
  const p = sentimentScores(model, vectors);
  model.accuracy = p.reduce((s, v, i) => s + ((v > 0.5 ? 1 : 0) === labels[i] ? 1 : 0), 0) / n;
  return model;
}

/** Probability that each text (row) is positive. */
export function sentimentScores(model: SentimentModel, vectors: Float32Array): Float32Array {
  const d = model.dim;
  const out = new Float32Array(vectors.length / d);
  for (let r = 0; r < out.length; r++) {
    let z = model.bias;
    for (let j = 0; j < d; j++) z += model.weights[j] * vectors[r * d + j];
    out[r] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/**
 * A run's review-sentiment reader: trained on examples from the vocabulary's lexicon set beside its topic phrases
 * (drawn from the run's seed), reading texts through `encode`, the run's event-text encoder.
 */
export function runSentimentReader(encode: (texts: string[]) => Float32Array, dim: number, vocabulary: Vocabulary, seed: number): (texts: string[]) => Float32Array {
  const contexts = vocabulary.topics.flatMap((t) => t.phrases);
  const examples = sentimentExamples(vocabulary.sentiment, contexts, 8, new Stream(seed).fork("sentiment"));
  const reader = trainSentiment(encode(examples.texts), examples.labels, dim);
  return (texts) => sentimentScores(reader, encode(texts));
}

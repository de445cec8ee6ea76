import * as tf from "@tensorflow/tfjs-core";
import { Stream } from "../random/stream.js";
import type { Vocabulary } from "../world/topics.js";
import { freeReview, type GrammarPart } from "../world/wording.js";
import { tokenize } from "./encoder.js";

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

/** Words that negate what follows them (a fixed rule of the reader, not learnt from examples). */
export const NEGATORS: ReadonlySet<string> = new Set(["not", "no", "never", "nothing", "hardly", "neither", "nor", "without", "cannot", "nobody", "none"]);

/**
 * A text split by negation scope (Das & Chen 2001; Pang, Lee & Vaithyanathan 2002): the words after a negator up
 * to the next punctuation mark are `negated`, the others `plain`; negators themselves are dropped.
 */
export function negationScopes(text: string): { plain: string; negated: string } {
  const plain: string[] = [];
  const negated: string[] = [];
  for (const clause of text.split(/[,;:.!?]/)) {
    let scope = false;
    for (const word of tokenize(clause)) {
      if (NEGATORS.has(word)) scope = true;
      else (scope ? negated : plain).push(word);
    }
  }
  return { plain: plain.join(" "), negated: negated.join(" ") };
}

/** The reader's features of each text: enc(plain words) − enc(negated words), so "not great" reads as the opposite of "great". */
export function readerFeatures(encode: (texts: string[]) => Float32Array, dim: number, texts: string[]): Float32Array {
  const scopes = texts.map(negationScopes);
  const plain = encode(scopes.map((s) => s.plain));
  const negated = encode(scopes.map((s) => s.negated));
  if (plain.length !== texts.length * dim) throw new Error(`sentiment: the encoder gave ${plain.length} values for ${texts.length} texts × ${dim}`);
  for (let i = 0; i < plain.length; i++) plain[i] -= negated[i];
  return plain;
}

/** What reviews are about, for examples: every catalogue and everyday phrase of the vocabulary's topics. */
function topicContexts(vocabulary: Vocabulary): string[] {
  return vocabulary.topics.flatMap((t) => [...t.phrases, ...Object.values(t.everyday).flat()]);
}

/** `n` free-form reviews from the grammar's `part`, positive with probability ½, each about a random topic phrase. */
export function grammarReviews(vocabulary: Vocabulary, part: GrammarPart, n: number, stream: Stream): { texts: string[]; labels: Float32Array } {
  const grammar = vocabulary.reviews;
  if (!grammar) return { texts: [], labels: new Float32Array(0) };
  const contexts = topicContexts(vocabulary);
  const texts: string[] = [];
  const labels = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    const positive = stream.next() < 0.5;
    labels[j] = positive ? 1 : 0;
    texts.push(freeReview(grammar, part, positive, contexts[stream.int(contexts.length)], stream));
  }
  return { texts, labels };
}

/** Free-form training reviews per run: enough to see every train word and template several times. */
export const FREE_FORM_EXAMPLES = 400;

/**
 * The reader's training set: the fixed review phrases, alone and beside topic phrases (sentimentExamples), and
 * free-form reviews written from the grammar's train part only (its held-out words and templates stay unseen).
 */
export function readerExamples(vocabulary: Vocabulary, stream: Stream): { texts: string[]; labels: Float32Array } {
  const fixed = sentimentExamples(vocabulary.sentiment, vocabulary.topics.flatMap((t) => t.phrases), 8, stream.fork("fixed"));
  const free = grammarReviews(vocabulary, "train", FREE_FORM_EXAMPLES, stream.fork("free"));
  return { texts: [...fixed.texts, ...free.texts], labels: Float32Array.from([...fixed.labels, ...free.labels]) };
}

/** A trained review reader: its logistic model and the probability it gives each text of being positive. */
export interface SentimentReader {
  model: SentimentModel;
  read(texts: string[]): Float32Array;
}

/**
 * A run's review-sentiment reader: logistic regression on readerFeatures of the run's event-text encoder,
 * trained on readerExamples drawn from the run's seed (TensorFlow.js, so a backend must be ready).
 */
export function trainReader(encode: (texts: string[]) => Float32Array, dim: number, vocabulary: Vocabulary, seed: number): SentimentReader {
  const examples = readerExamples(vocabulary, new Stream(seed).fork("sentiment"));
  const model = trainSentiment(readerFeatures(encode, dim, examples.texts), examples.labels, dim);
  return { model, read: (texts) => sentimentScores(model, readerFeatures(encode, dim, texts)) };
}

/** trainReader's reading function: the review-sentiment reader a run's text model carries. */
export function runSentimentReader(encode: (texts: string[]) => Float32Array, dim: number, vocabulary: Vocabulary, seed: number): (texts: string[]) => Float32Array {
  return trainReader(encode, dim, vocabulary, seed).read;
}

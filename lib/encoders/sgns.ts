import * as tf from "@tensorflow/tfjs-core";
import { Stream } from "../random/stream.js";
import { negativeSampler } from "./negative-sampler.js";
import { keepProbabilities, skipgramPairs } from "./skipgram-pairs.js";

export interface SgnsOptions {
  dim: number;
  /** Largest reach of the dynamic context window, in words either side. */
  window: number;
  /** Negative samples per (center, context) pair. */
  negatives: number;
  epochs: number;
  /** Pairs per gradient step. */
  batch: number;
  /** Initial SGD step per pair; decays linearly to 1 % of it over training (as in word2vec). */
  learningRate: number;
  /** word2vec's subsampling threshold t for frequent words (0 keeps every occurrence). */
  subsample: number;
  seed: number;
}

export const DEFAULT_SGNS_OPTIONS: SgnsOptions = {
  dim: 64,
  window: 5,
  negatives: 5,
  epochs: 5,
  batch: 1024,
  learningRate: 0.05,
  subsample: 1e-3,
  seed: 7,
};

export interface SgnsResult {
  /** words × dim input (center) vectors. */
  vectors: Float32Array;
  /** Mean negative-sampling loss per pair, per epoch. */
  losses: number[];
}

/**
 * Skip-gram with negative sampling. Each mini-batch's math runs in TensorFlow.js as batched matMuls: the scores
 * u·v of the context and negative words, σ(s) − label, and both gradient blocks. The row gather before it and the
 * scatter-add of gradient rows after it are typed-array loops, because the gradient of tf.gather
 * (UnsortedSegmentSum) is missing on the WASM backend, and a one-hot matMul over the vocabulary was 15× (WASM) to
 * 50× (CPU) slower at 417 words. Autodiff is not used: tfjs-core alone registers no gradients under Node.
 */
export async function trainSgns(sentences: Int32Array[], counts: Float64Array, options: Partial<SgnsOptions> = {}): Promise<SgnsResult> {
  const o = { ...DEFAULT_SGNS_OPTIONS, ...options };
  const V = counts.length;
  const d = o.dim;
  const K = o.negatives;
  const stream = new Stream(`sgns/${o.seed}`);
  const init = stream.fork("init");
  const input = new Float32Array(V * d);
  for (let i = 0; i < input.length; i++) input[i] = (init.next() - 0.5) / d;
  const output = new Float32Array(V * d);
  const keep = keepProbabilities(counts, o.subsample);
  const sample = negativeSampler(counts);
  const labels = new Float32Array(o.batch * (K + 1));
  for (let b = 0; b < o.batch; b++) labels[b * (K + 1)] = 1;
  const losses: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const pairs = skipgramPairs(sentences, o.window, keep, stream.fork(`pairs/${epoch}`));
    const order = stream.fork(`order/${epoch}`).shuffle(Array.from({ length: pairs.centers.length }, (_, i) => i));
    const negatives = stream.fork(`negatives/${epoch}`);
    let loss = 0;
    for (let start = 0; start < order.length; start += o.batch) {
      const n = Math.min(o.batch, order.length - start);
      const centers = new Int32Array(n);
      const targets = new Int32Array(n * (K + 1));
      for (let b = 0; b < n; b++) {
        centers[b] = pairs.centers[order[start + b]];
        targets[b * (K + 1)] = pairs.contexts[order[start + b]];
        for (let k = 1; k <= K; k++) targets[b * (K + 1) + k] = sample(negatives);
      }
      const progress = (epoch + start / order.length) / o.epochs;
      const rate = o.learningRate * Math.max(0.01, 1 - progress);
      const { gradCenters, gradTargets, errors } = batchGradients(
        gatherRows(input, centers, d),
        gatherRows(output, targets, d),
        labels.subarray(0, n * (K + 1)),
        n,
        K,
        d,
      );
      scatterAdd(input, centers, gradCenters, d, -rate);
      scatterAdd(output, targets, gradTargets, d, -rate);
      for (let r = 0; r < errors.length; r++) loss -= Math.log(Math.max(1e-7, r % (K + 1) === 0 ? 1 + errors[r] : 1 - errors[r]));
    }
    losses.push(order.length > 0 ? loss / order.length : 0);
    await tf.nextFrame();
  }
  return { vectors: input, losses };
}

/** σ(u·v) − label for every target, and the gradients of the batch loss with respect to u and to each v. */
function batchGradients(centers: Float32Array, targets: Float32Array, labels: Float32Array, n: number, K: number, d: number) {
  const [gu, gv, g] = tf.tidy(() => {
    const u = tf.tensor3d(centers, [n, 1, d]);
    const v = tf.tensor3d(targets, [n, K + 1, d]);
    const g = tf.sub(tf.sigmoid(tf.matMul(u, v, false, true)), tf.tensor3d(labels, [n, 1, K + 1]));
    return [tf.matMul(g, v), tf.matMul(g, u, true, false), g];
  });
  const out = { gradCenters: gu.dataSync() as Float32Array, gradTargets: gv.dataSync() as Float32Array, errors: g.dataSync() as Float32Array };
  tf.dispose([gu, gv, g]);
  return out;
}

function gatherRows(table: Float32Array, rows: Int32Array, d: number): Float32Array {
  const out = new Float32Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) out.set(table.subarray(rows[r] * d, rows[r] * d + d), r * d);
  return out;
}

function scatterAdd(table: Float32Array, rows: Int32Array, values: Float32Array, d: number, scale: number): void {
  for (let r = 0; r < rows.length; r++) {
    const o = rows[r] * d;
    for (let j = 0; j < d; j++) table[o + j] += scale * values[r * d + j];
  }
}

import * as tf from "@tensorflow/tfjs-core";
import type { Stream } from "../random/stream.js";
import { normalTensor } from "./normal.js";
import { variableOf } from "./variable.js";

/** A GRU cell's parameters: input (x·) and recurrent (h·) weights and a bias for the update (z), reset (r) and candidate (n) parts. */
export interface GruWeights<T extends tf.Tensor = tf.Tensor> {
  xz: T;
  xr: T;
  xn: T;
  hz: T;
  hr: T;
  hn: T;
  bz: T;
  br: T;
  bn: T;
}

export const GRU_KEYS: (keyof GruWeights)[] = ["xz", "xr", "xn", "hz", "hr", "hn", "bz", "br", "bn"];

/** Weights drawn from N(0, 1/fan-in) from the stream; biases start at 0. */
export function createGruWeights(input: number, hidden: number, stream: Stream): GruWeights<tf.Variable> {
  const matrix = (rows: number) => variableOf(normalTensor([rows, hidden], 1 / Math.sqrt(rows), stream));
  const bias = () => variableOf(tf.zeros([hidden]));
  return { xz: matrix(input), xr: matrix(input), xn: matrix(input), hz: matrix(hidden), hr: matrix(hidden), hn: matrix(hidden), bz: bias(), br: bias(), bn: bias() };
}

/**
 * Runs the GRU over `inputs` ([steps · batch, input], time-major: rows t·batch … (t+1)·batch − 1 are step t,
 * oldest first) from `initial` (zeros when absent) and returns the last state [batch, hidden]:
 * z = σ(x·Wz + h·Uz + bz), r = σ(x·Wr + h·Ur + br), n = tanh(x·Wn + bn + r ⊙ (h·Un)), h' = n + z ⊙ (h − n).
 * Each part's input projection for all steps is one matMul, split by rows. The parts keep separate matrices:
 * splitting a [batch, 3·hidden] product by columns is a strided copy that costs more on WASM than three matMuls.
 * Built from tfjs-core ops only, so it differentiates on every backend.
 */
export function gru(inputs: tf.Tensor2D, steps: number, w: GruWeights, initial: tf.Tensor2D | null = null): tf.Tensor2D {
  const perStep = (weights: tf.Tensor, bias: tf.Tensor) => {
    const projected = tf.add(tf.matMul(inputs, weights as tf.Tensor2D), bias) as tf.Tensor2D;
    return steps > 1 ? tf.split(projected, steps, 0) : [projected];
  };
  const [xz, xr, xn] = [perStep(w.xz, w.bz), perStep(w.xr, w.br), perStep(w.xn, w.bn)];
  let h = initial;
  for (let t = 0; t < steps; t++) {
    if (!h) {
      const z = tf.sigmoid(xz[t]);
      const n = tf.tanh(xn[t]);
      h = tf.sub(n, tf.mul(z, n)) as tf.Tensor2D;
      continue;
    }
    const z = tf.sigmoid(tf.add(xz[t], tf.matMul(h, w.hz as tf.Tensor2D)));
    const r = tf.sigmoid(tf.add(xr[t], tf.matMul(h, w.hr as tf.Tensor2D)));
    const n = tf.tanh(tf.add(xn[t], tf.mul(r, tf.matMul(h, w.hn as tf.Tensor2D))));
    h = tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
  }
  if (!h) throw new Error("gru: needs at least one time step");
  return h;
}

import * as tf from "@tensorflow/tfjs-core";
import { variableOf } from "./variable.js";

/**
 * A GRU cell's parameters, the three parts side by side in the order update (z), reset (r), candidate (n):
 * input weights [input, 3·hidden], recurrent weights [hidden, 3·hidden] and bias [3·hidden].
 */
export interface GruWeights<T extends tf.Tensor = tf.Tensor> {
  input: T;
  recurrent: T;
  bias: T;
}

export const GRU_KEYS: (keyof GruWeights)[] = ["input", "recurrent", "bias"];

/** Weights drawn from N(0, 1/fan-in), each initializer with its own seed; the bias starts at 0. */
export function createGruWeights(input: number, hidden: number, seed: () => number): GruWeights<tf.Variable> {
  const matrix = (rows: number) => variableOf(tf.randomNormal([rows, 3 * hidden], 0, 1 / Math.sqrt(rows), "float32", seed()));
  return { input: matrix(input), recurrent: matrix(hidden), bias: variableOf(tf.zeros([3 * hidden])) };
}

/**
 * Runs the GRU over `inputs` ([steps · batch, input], time-major: rows t·batch … (t+1)·batch − 1 are step t,
 * oldest first) from a zero state and returns the last state [batch, hidden]:
 * z = σ(x·Wz + h·Uz + bz), r = σ(x·Wr + h·Ur + br), n = tanh(x·Wn + bn + r ⊙ (h·Un)), h' = n + z ⊙ (h − n).
 * The input projection of all steps is one matMul; built from tfjs-core ops, so it differentiates on every backend.
 */
export function gru(inputs: tf.Tensor2D, steps: number, w: GruWeights): tf.Tensor2D {
  const projected = tf.add(tf.matMul(inputs, w.input as tf.Tensor2D), w.bias);
  const perStep = steps > 1 ? tf.split(projected, steps, 0) : [projected];
  let h: tf.Tensor2D | null = null;
  for (const x of perStep) {
    const [xz, xr, xn] = tf.split(x, 3, 1);
    if (!h) {
      const z = tf.sigmoid(xz);
      const n = tf.tanh(xn);
      h = tf.sub(n, tf.mul(z, n)) as tf.Tensor2D;
      continue;
    }
    const [hz, hr, hn] = tf.split(tf.matMul(h, w.recurrent as tf.Tensor2D), 3, 1);
    const z = tf.sigmoid(tf.add(xz, hz));
    const r = tf.sigmoid(tf.add(xr, hr));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    h = tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
  }
  if (!h) throw new Error("gru: needs at least one time step");
  return h;
}

import * as tf from "@tensorflow/tfjs-core";
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

/** Weights drawn from N(0, 1/fan-in), each initializer with its own seed; biases start at 0. */
export function createGruWeights(input: number, hidden: number, seed: () => number): GruWeights<tf.Variable> {
  const matrix = (rows: number) => variableOf(tf.randomNormal([rows, hidden], 0, 1 / Math.sqrt(rows), "float32", seed()));
  const bias = () => variableOf(tf.zeros([hidden]));
  return {
    xz: matrix(input),
    xr: matrix(input),
    xn: matrix(input),
    hz: matrix(hidden),
    hr: matrix(hidden),
    hn: matrix(hidden),
    bz: bias(),
    br: bias(),
    bn: bias(),
  };
}

/**
 * Runs the GRU over `xs` (one [batch, input] tensor per time step, oldest first) from a zero state and returns
 * the last state [batch, hidden]: z = σ(x·Wz + h·Uz + bz), r = σ(x·Wr + h·Ur + br),
 * n = tanh(x·Wn + r ⊙ (h·Un) + bn), h' = (1 − z) ⊙ n + z ⊙ h. Built from tfjs-core ops only, so it can be
 * differentiated on every backend.
 */
export function gru(xs: tf.Tensor2D[], w: GruWeights): tf.Tensor2D {
  let h: tf.Tensor2D | null = null;
  for (const x of xs) {
    const part = (wx: tf.Tensor, b: tf.Tensor, recurrent: tf.Tensor | null) => {
      const input = tf.matMul(x, wx as tf.Tensor2D);
      return tf.add(recurrent ? tf.add(input, recurrent) : input, b);
    };
    const z = tf.sigmoid(part(w.xz, w.bz, h && tf.matMul(h, w.hz as tf.Tensor2D)));
    const r = tf.sigmoid(part(w.xr, w.br, h && tf.matMul(h, w.hr as tf.Tensor2D)));
    const n = tf.tanh(part(w.xn, w.bn, h && tf.mul(r, tf.matMul(h, w.hn as tf.Tensor2D))));
    h = (h ? tf.add(n, tf.mul(z, tf.sub(h, n))) : tf.sub(n, tf.mul(z, n))) as tf.Tensor2D;
  }
  if (!h) throw new Error("gru: needs at least one time step");
  return h;
}

import * as tf from "@tensorflow/tfjs-core";
import type { Stream } from "../random/stream.js";

/**
 * A tensor of N(0, sd²) draws from the component's own stream. TF.js's seeded initialisers go through its bundled
 * seedrandom, which is not reproducible across bundlers (in the browser build its `alea` is missing); drawing from
 * the injected stream gives the same weights in Node, vitest and the browser.
 */
export function normalTensor(shape: [number, number], sd: number, stream: Stream): tf.Tensor2D {
  const values = new Float32Array(shape[0] * shape[1]);
  for (let j = 0; j < values.length; j++) values[j] = stream.normal(0, sd);
  return tf.tensor2d(values, shape);
}

import type * as tf from "@tensorflow/tfjs-core";

/**
 * The tensor's values as a fresh Float32Array; the tensor is disposed. Read outside tf.tidy: tidy walks
 * every element of a returned typed array looking for tensors, which costs seconds for a users × items row block.
 */
export function readAndDispose(t: tf.Tensor): Float32Array {
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

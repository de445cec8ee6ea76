import * as tf from "@tensorflow/tfjs-core";

/** A trainable variable holding `init`'s values; `init` itself is disposed, so no tensor outlives the variable. */
export function variableOf(init: tf.Tensor): tf.Variable {
  const v = tf.variable(init);
  init.dispose();
  return v;
}

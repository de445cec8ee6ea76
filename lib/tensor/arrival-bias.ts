import * as tf from "@tensorflow/tfjs-core";

/**
 * Items [present, items) have just arrived: their biases become the mean bias of the items before them, so a new
 * item starts as an average item rather than above every item that has collected negatives.
 */
export function fillArrivedBias(bias: tf.Variable, present: number, items: number): void {
  if (present <= 0 || items <= present) return;
  const total = bias.shape[0];
  tf.tidy(() => {
    const known = tf.slice(bias, [0], [present]);
    const parts = [known, tf.mul(tf.ones([items - present]), tf.mean(known))];
    if (items < total) parts.push(tf.slice(bias, [items], [total - items]));
    bias.assign(tf.concat(parts));
  });
}

import * as tf from "@tensorflow/tfjs-core";

export interface AdapterOptions {
  /** SGD step on the projection per gradient step. */
  learningRate: number;
  /** Gradient steps over each batch of clicks. */
  steps: number;
  /** Pull of the projection toward the identity (the frozen encoder). */
  l2: number;
  /** Initial slope and offset of the click logit s·cos + b. */
  scale: number;
  offset: number;
}

export const DEFAULT_ADAPTER_OPTIONS: AdapterOptions = { learningRate: 0.5, steps: 3, l2: 1e-3, scale: 4, offset: -3 };

/** Impressions to learn from: the user's profile at serving time, the item's frozen embedding, and whether it was clicked. */
export interface ClickBatch {
  profiles: Float32Array;
  items: Float32Array;
  clicked: Float32Array;
}

/** Online adaptation of a frozen encoder: a d × d projection A, trained from clicks, applied to every vector. */
export interface Adapter {
  readonly dim: number;
  /** One round of training; returns the mean log loss before the update. */
  train(batch: ClickBatch): number;
  /** rows·A, each row L2-normalised (zero rows stay zero). */
  project(vectors: Float32Array): Float32Array;
  /** The current A, row-major (a copy). */
  matrix(): Float32Array;
  dispose(): void;
}

/**
 * The click model is P(click) = σ(s·cos(p A, e A) + b): the cosine the content component scores with, taken in
 * the adapted space. A starts at the identity, so before any click the adapter is the frozen encoder; A, s and
 * b follow SGD on the log loss plus l2·‖A − I‖². Gradients are written out as dense TensorFlow.js ops:
 * with x = pA, y = eA, c = x·y/(|x||y|) and g = σ(sc + b) − clicked,
 * ∂L/∂A = pᵀ[g s (y/(|x||y|) − c x/|x|²)] + eᵀ[g s (x/(|x||y|) − c y/|y|²)] (batch means).
 */
export function createAdapter(dim: number, options: Partial<AdapterOptions> = {}): Adapter {
  const o = { ...DEFAULT_ADAPTER_OPTIONS, ...options };
  const identity = tf.eye(dim);
  let a: tf.Tensor2D = tf.eye(dim);
  let scale = o.scale;
  let offset = o.offset;
  const step = (p: tf.Tensor2D, e: tf.Tensor2D, clicked: tf.Tensor2D, n: number) => {
    const [nextA, sums] = tf.tidy(() => {
      const x = tf.matMul(p, a);
      const y = tf.matMul(e, a);
      const nx = tf.maximum(tf.norm(x, 2, 1, true), 1e-8);
      const ny = tf.maximum(tf.norm(y, 2, 1, true), 1e-8);
      const nxy = tf.mul(nx, ny);
      const c = tf.div(tf.sum(tf.mul(x, y), 1, true), nxy);
      const prob = tf.sigmoid(tf.add(tf.mul(c, scale), offset));
      const g = tf.sub(prob, clicked);
      const gs = tf.mul(g, scale / n);
      const gx = tf.mul(gs, tf.sub(tf.div(y, nxy), tf.div(tf.mul(c, x), tf.square(nx))));
      const gy = tf.mul(gs, tf.sub(tf.div(x, nxy), tf.div(tf.mul(c, y), tf.square(ny))));
      const gradA = tf.add(tf.add(tf.matMul(p, gx, true, false), tf.matMul(e, gy, true, false)), tf.mul(tf.sub(a, identity), 2 * o.l2));
      const loss = tf.neg(tf.mean(tf.add(tf.mul(clicked, tf.log(tf.maximum(prob, 1e-7))), tf.mul(tf.sub(1, clicked), tf.log(tf.maximum(tf.sub(1, prob), 1e-7))))));
      return [tf.sub(a, tf.mul(gradA, o.learningRate)), tf.stack([tf.mean(tf.mul(g, c)), tf.mean(g), loss])] as [tf.Tensor2D, tf.Tensor1D];
    });
    const [gradScale, gradOffset, loss] = sums.dataSync();
    sums.dispose();
    a.dispose();
    a = nextA;
    scale -= o.learningRate * gradScale;
    offset -= o.learningRate * gradOffset;
    return loss;
  };
  return {
    dim,
    train({ profiles, items, clicked }) {
      const n = clicked.length;
      if (n === 0) return 0;
      const p = tf.tensor2d(profiles, [n, dim]);
      const e = tf.tensor2d(items, [n, dim]);
      const y = tf.tensor2d(clicked, [n, 1]);
      let first = 0;
      for (let s = 0; s < o.steps; s++) {
        const loss = step(p, e, y, n);
        if (s === 0) first = loss;
      }
      tf.dispose([p, e, y]);
      return first;
    },
    project(vectors) {
      const rows = vectors.length / dim;
      if (rows === 0) return new Float32Array(0);
      const projected = tf.tidy(() => {
        const x = tf.matMul(tf.tensor2d(vectors, [rows, dim]), a);
        return tf.div(x, tf.maximum(tf.norm(x, 2, 1, true), 1e-12));
      });
      const out = projected.dataSync() as Float32Array;
      projected.dispose();
      return out;
    },
    matrix: () => a.dataSync().slice() as Float32Array,
    dispose() {
      tf.dispose([a, identity]);
    },
  };
}

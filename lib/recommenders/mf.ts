import * as tf from "@tensorflow/tfjs-core";
import type { Stream } from "../random/stream.js";
import { fillArrivedBias } from "../tensor/arrival-bias.js";
import { registerGradients } from "../tensor/gradients.js";
import { readAndDispose } from "../tensor/read.js";
import { normalTensor } from "../tensor/normal.js";
import { variableOf } from "../tensor/variable.js";
import { choice, defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import { createIsgd } from "./isgd.js";
import type { Recommender, RecommenderContext, RoundEvents, ScoreRequest } from "./recommender.js";
import { roundSlates } from "./round-slates.js";

export const MF_OPTIONS = section({
  dim: integer(32, [1, 512], "Latent dimension d of user and item vectors."),
  lr: number(0.04, [0, 10], "Adam learning rate (with an isgd solver: the SGD step η)."),
  l2: number(1e-3, [0, 10], "L2 penalty on the user and item vectors of each example."),
  epochs: integer(1, [0, 100], "Passes over the round's examples per round."),
  negatives: integer(
    4,
    [0, 100],
    "Skipped impressions of the same user and round drawn as negatives per positive, from the skips the user probably looked at: those above the slate's last click and the one just below it (fewer if there are fewer).",
  ),
  randomNegatives: integer(1, [0, 100], "Items drawn uniformly from the catalog as extra negatives per positive."),
  batchSize: integer(2048, [1, 1e6], "Examples per Adam step."),
  initSd: number(0.1, [0, 10], "Standard deviation of the initial vectors."),
  purchaseWeight: number(1, [0, 100], "Extra example weight of a click that became a purchase."),
  solver: choice(
    ["adam", "isgd-bpr", "isgd"],
    "adam",
    "adam: mini-batch Adam in TensorFlow.js on each round's clicks and negatives (below); isgd: one SGD step per click toward 1 and per random negative toward 0 (Vinagre et al. 2014, isgd.ts), isgd-bpr: one BPR pairwise step per random negative; both in typed arrays. The isgd solvers read dim, lr, l2, randomNegatives and initSd.",
  ),
});

export type MfOptions = ValueOf<typeof MF_OPTIONS>;

export const DEFAULT_MF_OPTIONS: MfOptions = defaults(MF_OPTIONS);

/** A round's training examples: user, item, label (1 click, 0 negative) and weight. */
interface Examples {
  users: Int32Array;
  items: Int32Array;
  labels: Float32Array;
  weights: Float32Array;
}

/**
 * Matrix factorization in TensorFlow.js: logit(u, i) = p_u·q_i + b_u + b_i, trained online each round on the
 * round's clicks (label 1) and negatives (label 0) drawn from the same user's skipped impressions and from the
 * catalog, by mini-batch Adam on weighted logistic loss with an L2 penalty on the vectors in the batch. Vectors
 * for every user and item the run may see are allocated up front (seeded initializers); an item's bias becomes
 * the mean bias of the items before it when it arrives, its vector is the seeded initial one.
 *
 * The WASM backend cannot differentiate through tf.gather, so each step gathers the batch's rows, takes the
 * gradient with respect to those rows, and scatters it back (tf.scatterND sums repeated rows) for the optimizer.
 * Raw score: p_u·q_i + b_i (b_u does not change a user's ranking), users × items as one matMul.
 * Diagnostics: `loss`, the weighted loss of the round's first pass (mostly examples the model has not been
 * trained on yet), and `examples`, the round's example count.
 */
export function createMf(context: RecommenderContext): Recommender {
  registerGradients();
  const o = resolveOptions(MF_OPTIONS, context.options, "recommender.options.mf");
  if (o.solver !== "adam") {
    const settings = { dim: o.dim, lr: o.lr, l2: o.l2, negatives: o.randomNegatives, loss: o.solver === "isgd" ? "pointwise" : "bpr", initSd: o.initSd } as const;
    return createIsgd(context.catalog.users, context.catalog.arrival.length, settings, context.stream);
  }
  const U = context.catalog.users;
  const I = context.catalog.arrival.length;
  const d = o.dim;
  const stream = context.stream;
  const P = variableOf(normalTensor([U, d], o.initSd, stream));
  const Q = variableOf(normalTensor([I, d], o.initSd, stream));
  const userBias = variableOf(tf.zeros([U]));
  const itemBias = variableOf(tf.zeros([I]));
  const optimizer = tf.train.adam(o.lr);
  const sampler = stream.fork("negatives");
  let present = 0;
  let lastLoss = NaN;
  let lastExamples = 0;

  const lossOf = (labels: tf.Tensor, weights: tf.Tensor, total: number) => (pu: tf.Tensor, qi: tf.Tensor, bu: tf.Tensor, bi: tf.Tensor) => {
    const logit = tf.add(tf.add(tf.sum(tf.mul(pu, qi), 1), bu), bi);
    const bce = tf.div(tf.sum(tf.mul(weights, tf.sub(tf.softplus(logit), tf.mul(labels, logit)))), total);
    const penalty = tf.mul(o.l2 / labels.shape[0], tf.add(tf.sum(tf.square(pu)), tf.sum(tf.square(qi))));
    return tf.add(bce, penalty) as tf.Scalar;
  };

  /** One Adam step on examples [from, to) of the shuffled order; returns the batch's weighted loss. */
  const step = (ex: Examples, order: Int32Array, from: number, to: number): number =>
    tf.tidy(() => {
      const n = to - from;
      const u = new Int32Array(n);
      const i = new Int32Array(n);
      const y = new Float32Array(n);
      const w = new Float32Array(n);
      let total = 0;
      for (let j = 0; j < n; j++) {
        const e = order[from + j];
        u[j] = ex.users[e];
        i[j] = ex.items[e];
        y[j] = ex.labels[e];
        w[j] = ex.weights[e];
        total += w[j];
      }
      const ut = tf.tensor1d(u, "int32");
      const it = tf.tensor1d(i, "int32");
      const rows = [tf.gather(P, ut), tf.gather(Q, it), tf.gather(userBias, ut), tf.gather(itemBias, it)];
      const { value, grads } = tf.valueAndGrads(lossOf(tf.tensor1d(y), tf.tensor1d(w), total))(rows);
      const u2 = tf.expandDims(ut, 1);
      const i2 = tf.expandDims(it, 1);
      optimizer.applyGradients([
        { name: P.name, tensor: tf.scatterND(u2, grads[0], [U, d]) },
        { name: Q.name, tensor: tf.scatterND(i2, grads[1], [I, d]) },
        { name: userBias.name, tensor: tf.scatterND(u2, grads[2], [U]) },
        { name: itemBias.name, tensor: tf.scatterND(i2, grads[3], [I]) },
      ]);
      return value.dataSync()[0] * total;
    });

  return {
    name: "mf",
    score({ users, items }: ScoreRequest) {
      fillArrivedBias(itemBias, present, items);
      present = Math.max(present, items);
      if (users.length === 0 || items === 0) return new Float32Array(users.length * items);
      const scores = tf.tidy(() => {
        const pu = tf.gather(P, tf.tensor1d(users, "int32"));
        const qT = tf.transpose(items < I ? tf.slice(Q, [0, 0], [items, d]) : Q);
        const bi = items < I ? tf.slice(itemBias, [0], [items]) : itemBias;
        return tf.add(tf.matMul(pu, qT), bi);
      });
      return readAndDispose(scores);
    },
    observe(events: RoundEvents) {
      const ex = examples(events, o, Math.max(present, 1), sampler);
      lastExamples = ex.users.length;
      if (ex.users.length === 0 || o.epochs === 0) return;
      for (let epoch = 0; epoch < o.epochs; epoch++) {
        const order = Int32Array.from(sampler.shuffle(Array.from(ex.users, (_, j) => j)));
        let sum = 0;
        for (let from = 0; from < order.length; from += o.batchSize) sum += step(ex, order, from, Math.min(order.length, from + o.batchSize));
        if (epoch === 0) lastLoss = sum / ex.weights.reduce((s, w) => s + w, 0);
      }
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([P, Q, userBias, itemBias]);
    },
    diagnostics() {
      return { loss: lastLoss, examples: lastExamples };
    },
  };
}

function examples(events: RoundEvents, o: MfOptions, items: number, stream: Stream): Examples {
  const users: number[] = [];
  const ids: number[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  const add = (u: number, i: number, label: number, weight: number) => {
    users.push(u);
    ids.push(i);
    labels.push(label);
    weights.push(weight);
  };
  for (const { user, clicked, skipped } of roundSlates(events)) {
    const last = clicked.reduce((p, c) => Math.max(p, c.position), -1);
    const seen = skipped.filter((e) => e.position <= last + 1);
    for (const c of clicked) {
      add(user, c.item, 1, 1 + (c.purchased ? o.purchaseWeight : 0));
      const k = Math.min(o.negatives, seen.length);
      for (const j of stream.sample(seen.length, k)) add(user, seen[j].item, 0, 1);
      for (let j = 0; j < o.randomNegatives; j++) add(user, stream.int(items), 0, 1);
    }
  }
  return { users: Int32Array.from(users), items: Int32Array.from(ids), labels: Float32Array.from(labels), weights: Float32Array.from(weights) };
}

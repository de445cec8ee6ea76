import * as tf from "@tensorflow/tfjs-core";
import { l2normalise } from "../encoders/encoder.js";
import type { Stream } from "../random/stream.js";
import { fillArrivedBias } from "../tensor/arrival-bias.js";
import { registerGradients } from "../tensor/gradients.js";
import { createGruWeights, GRU_KEYS, gru, type GruWeights } from "../tensor/gru.js";
import { readAndDispose } from "../tensor/read.js";
import { normalTensor } from "../tensor/normal.js";
import { variableOf } from "../tensor/variable.js";
import { defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import type { Recommender, RecommenderContext, RoundEvents, ScoreRequest } from "./recommender.js";
import { roundSlates, type UserSlate } from "./round-slates.js";

export const SEQUENCE_OPTIONS = section({
  length: integer(10, [1, 100], "Most recent clicks fed to the GRU (clicks of earlier rounds only), oldest first."),
  hidden: integer(32, [1, 512], "GRU state size, also the size of the item output embeddings."),
  lr: number(0.02, [0, 10], "Adam learning rate."),
  negatives: integer(32, [1, 1000], "Candidates besides the clicked item in each example's sampled softmax."),
  skippedNegatives: integer(4, [0, 1000], "How many of those are the same slate's skipped impressions."),
  randomNegatives: integer(
    4,
    [0, 1000],
    "How many are drawn uniformly from the catalog at each use. The rest are drawn from recent impressions, so that having been shown does not by itself tell a click apart (every click was shown; most catalog items never were).",
  ),
  backprop: integer(
    10,
    [1, 100],
    "Time steps the gradient flows back through (truncated backpropagation through time): the GRU runs over all `length` steps, but the earlier ones only set the starting state of the last `backprop` steps.",
  ),
  replay: integer(4096, [1, 1e7], "Recent examples kept for training (the round's new examples enter, the oldest leave)."),
  steps: integer(2, [0, 1000], "Adam steps per round, each on `batchSize` examples drawn from the replay buffer."),
  batchSize: integer(128, [1, 1e6], "Examples per Adam step."),
});

export type SequenceOptions = ValueOf<typeof SEQUENCE_OPTIONS>;

export const DEFAULT_SEQUENCE_OPTIONS: SequenceOptions = defaults(SEQUENCE_OPTIONS);

/** Extra input features after the item's text embedding: recency 1 / (1 + age in rounds), and 1 for a real item. */
const EXTRA = 2;

/** Recent impressions kept as the pool of exposure-matched negatives. */
const RECENT_IMPRESSIONS = 8192;

/** A user's last clicks, oldest first. */
interface History {
  items: number[];
  rounds: number[];
}

/** A click and what preceded it: the user's history at the time (items and their ages), and hard negatives. */
interface Example {
  items: number[];
  ages: number[];
  positive: number;
  skipped: number[];
}

/**
 * Next-item prediction with a GRU in TensorFlow.js. A user's last `length` clicks from earlier rounds, each as
 * its text embedding plus recency, run through a GRU cell written with tfjs-core ops; the final state h_u
 * scores item i as h_u · (W e_i) + b_i, e_i the item's l2-normalised text embedding, so items share what is
 * learned through their text and the bias b_i learns what text cannot tell. Each round's clicks become examples
 * in a replay buffer; every round takes `steps` Adam steps on batches drawn from it, with a sampled softmax over
 * the clicked item, skipped items of the same slate, random catalog items and recently shown items.
 * Raw score: the logit, for a batch of users as (h W)·E^T over all present items in two matMuls.
 * Diagnostics: `loss`, the mean cross-entropy of the round's training batches, and `examples`, the round's clicks.
 */
export function createSequence(context: RecommenderContext): Recommender {
  registerGradients();
  const o = resolveOptions(SEQUENCE_OPTIONS, context.options, "recommender.options.sequence");
  const embeddings = context.embeddings;
  if (!embeddings) throw new Error("recommender.components: 'sequence' needs item embeddings, which this run does not provide");
  const D = embeddings.dim;
  const I = context.catalog.arrival.length;
  const H = o.hidden;
  const L = o.length;
  const C = 1 + o.negatives;
  const X = l2normalise(embeddings.vectors.slice(0, I * D), D);
  const stream = context.stream;
  const input = D + EXTRA;
  const cell = createGruWeights(input, H, stream);
  const out = variableOf(normalTensor([H, D], 1 / Math.sqrt(H), stream));
  const weights: tf.Variable[] = [...GRU_KEYS.map((k) => cell[k]), out];
  const itemBias = variableOf(tf.zeros([I]));
  const itemsT = tf.tidy(() => tf.transpose(tf.tensor2d(X, [I, D])));
  const optimizer = tf.train.adam(o.lr);
  const sampler = stream.fork("training");
  const histories = new Map<number, History>();
  const replay: Example[] = [];
  let replayNext = 0;
  const shown = new Int32Array(RECENT_IMPRESSIONS);
  let shownCount = 0;
  let present = 0;
  let lastLoss = NaN;
  let lastExamples = 0;

  /** The sequences as GRU input [L · batch, D + EXTRA], time-major, oldest step first, left-padded with zeros. */
  const sequenceInputs = (sequences: { items: number[]; ages: number[] }[]): tf.Tensor2D => {
    const n = sequences.length;
    const values = new Float32Array(L * n * input);
    sequences.forEach(({ items, ages }, a) => {
      const offset = L - items.length;
      items.forEach((item, j) => {
        const row = ((offset + j) * n + a) * input;
        values.set(X.subarray(item * D, (item + 1) * D), row);
        values[row + D] = 1 / (1 + ages[j]);
        values[row + D + 1] = 1;
      });
    });
    return tf.tensor2d(values, [L * n, input]);
  };

  const historyAt = (user: number, round: number) => {
    const h = histories.get(user);
    return h ? { items: h.items.slice(), ages: h.rounds.map((r) => round - r) } : { items: [], ages: [] };
  };

  /** One Adam step on a batch; returns the batch's mean cross-entropy. */
  const step = (batch: Example[]): number =>
    tf.tidy(() => {
      const B = batch.length;
      const ids = new Int32Array(B * C);
      const vectors = new Float32Array(B * C * D);
      batch.forEach((e, b) => {
        const candidates = [e.positive, ...e.skipped];
        for (let j = 0; j < o.randomNegatives && candidates.length < C; j++) candidates.push(sampler.int(present));
        const recent = Math.min(shownCount, shown.length);
        while (candidates.length < C) candidates.push(recent > 0 ? shown[sampler.int(recent)] : sampler.int(present));
        candidates.forEach((item, c) => {
          ids[b * C + c] = item;
          vectors.set(X.subarray(item * D, (item + 1) * D), (b * C + c) * D);
        });
      });
      const target = tf.tensor2d(Float32Array.from({ length: B * C }, (_, j) => (j % C === 0 ? 1 : 0)), [B, C]);
      const candidates = tf.tensor3d(vectors, [B, C, D]);
      const inputs = sequenceInputs(batch);
      const early = L - Math.min(o.backprop, L);
      const start = early > 0 ? gru(tf.slice(inputs, [0, 0], [early * B, input]), early, cell) : null;
      const late = early > 0 ? tf.slice(inputs, [early * B, 0], [(L - early) * B, input]) : inputs;
      const idsT = tf.tensor1d(ids, "int32");
      const loss = (...args: tf.Tensor[]) => {
        const w = Object.fromEntries(GRU_KEYS.map((k, j) => [k, args[j]])) as unknown as GruWeights;
        const [outW, bias] = args.slice(GRU_KEYS.length);
        const h = gru(late, L - early, w, start);
        const query = tf.expandDims(tf.matMul(h, outW as tf.Tensor2D), 1);
        const dots = tf.reshape(tf.matMul(query, candidates, false, true), [B, C]);
        const logits = tf.add(dots, tf.reshape(bias, [B, C]));
        return tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, target), 1))) as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(loss)([...weights, tf.gather(itemBias, idsT)]);
      optimizer.applyGradients([
        ...weights.map((v, j) => ({ name: v.name, tensor: grads[j] })),
        { name: itemBias.name, tensor: tf.scatterND(tf.expandDims(idsT, 1), grads[weights.length], [I]) },
      ]);
      return value.dataSync()[0];
    });

  const remember = (e: Example) => {
    if (replay.length < o.replay) replay.push(e);
    else replay[replayNext] = e;
    replayNext = (replayNext + 1) % o.replay;
  };

  const train = () => {
    if (replay.length === 0 || o.steps === 0) return;
    let sum = 0;
    for (let s = 0; s < o.steps; s++) {
      const size = Math.min(o.batchSize, replay.length);
      sum += step(Array.from({ length: size }, () => replay[sampler.int(replay.length)]));
    }
    lastLoss = sum / o.steps;
  };

  return {
    name: "sequence",
    score({ round, users, items }: ScoreRequest) {
      fillArrivedBias(itemBias, present, items);
      present = Math.max(present, items);
      if (users.length === 0 || items === 0) return new Float32Array(users.length * items);
      const scores = tf.tidy(() => {
        const h = gru(sequenceInputs(Array.from(users, (u) => historyAt(u, round))), L, cell);
        const xT = items < I ? tf.slice(itemsT, [0, 0], [D, items]) : itemsT;
        const bias = items < I ? tf.slice(itemBias, [0], [items]) : itemBias;
        return tf.add(tf.matMul(h, tf.matMul(out, xT)), bias);
      });
      return readAndDispose(scores);
    },
    observe(events: RoundEvents) {
      const slates = roundSlates(events);
      const fresh = slates.flatMap((slate) => examples(slate, historyAt(slate.user, events.round), o, sampler));
      lastExamples = fresh.length;
      for (const e of events.impressions) shown[shownCount++ % shown.length] = e.item;
      for (const e of fresh) remember(e);
      if (present > 0) train();
      for (const { user, clicked } of slates) {
        if (clicked.length === 0) continue;
        let h = histories.get(user);
        if (!h) histories.set(user, (h = { items: [], rounds: [] }));
        for (const c of clicked) {
          h.items.push(c.item);
          h.rounds.push(events.round);
        }
        const excess = h.items.length - L;
        if (excess > 0) {
          h.items.splice(0, excess);
          h.rounds.splice(0, excess);
        }
      }
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([...weights, itemBias, itemsT]);
      histories.clear();
      replay.length = 0;
    },
    diagnostics() {
      return { loss: lastLoss, examples: lastExamples };
    },
  };
}

function examples(
  slate: UserSlate,
  history: { items: number[]; ages: number[] },
  o: SequenceOptions,
  stream: Stream,
): Example[] {
  const k = Math.min(o.skippedNegatives, slate.skipped.length, o.negatives);
  return slate.clicked.map((c) => ({
    ...history,
    positive: c.item,
    skipped: stream.sample(slate.skipped.length, k).map((j) => slate.skipped[j].item),
  }));
}

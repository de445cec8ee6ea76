import * as tf from "@tensorflow/tfjs-core";
import { registerGradients } from "../tensor/gradients.js";
import { variableOf } from "../tensor/variable.js";
import { defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import type { PolicyConfig } from "./config.js";
import { CreditAssigner, meanRow } from "./credit.js";
import { impressionRows } from "./impressions.js";
import { assertFinite } from "./non-finite.js";
import { logLoss } from "./logistic.js";
import type { PolicyEnvironment, PolicySpec, WeightPolicy } from "./policy.js";
import { toSimplex } from "./simplex.js";

export const NEURAL_OPTIONS = section({
  hidden: integer(16, [1, 1024], "Hidden units of the network."),
  learningRate: number(0.01, [0, 10], "Adam learning rate."),
  steps: integer(3, [0, 1000], "Adam steps on each round's impressions."),
  period: integer(24, [1, 1e6], "Rounds in a day: time of day is round mod period."),
  successRate: number(0.3, [0, 1], "Rate of the running means of recent per-component success (credit)."),
  positions: integer(10, [1, 1000], "Slate positions with their own intercept (later positions share the last)."),
});

export type NeuralOptions = ValueOf<typeof NEURAL_OPTIONS>;

export const DEFAULT_NEURAL: NeuralOptions = defaults(NEURAL_OPTIONS);

const SOFTPLUS_OF_ONE = Math.log(Math.E - 1);

/**
 * A small contextual network that turns a user's context into blend weights, trained on clicks.
 * Context x (4 + 2K inputs): time of day (sin, cos of 2π·(round mod period)/period); the user's activity (slates
 * per round since first served) and newness (1 / (1 + slates)); the user's recent per-component success (a
 * running mean of the credit of credit.ts on the user's slates); and the same over all users. At level `global`
 * the three per-user inputs are zero, so everyone gets the same π in a round.
 * Network: β(x) = softplus(W2·tanh(W1·x + b1) + b2) > 0, one per component; it is trained as a click model,
 *   P(click on i) = σ( Σ_k β_k(x_u)·Ŝ_k(u,i) + γ_position ),
 * by Adam steps on each round's impressions (the contextual form of logistic.ts), and π_u ∝ max(β(x_u), ε).
 * Initial W from the policy's stream; b2 so that β starts at 1 (uniform π). Serving runs the same forward
 * pass in plain JavaScript on the weights read back after each update (no tensor per user).
 */
export function createNeuralPolicy(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy {
  const o = resolveOptions(NEURAL_OPTIONS, config.options.neural, "policy.options.neural");
  const K = components.length;
  const D = 4 + 2 * K;
  const H = Math.max(1, Math.round(o.hidden));
  const P = Math.max(1, Math.round(o.positions));
  const perUser = config.level === "user";
  const credit = new CreditAssigner(K, config.credit, config.rewards);
  const init = env.stream.fork("init");
  const glorot = (rows: number, cols: number, scale = 1) =>
    Float32Array.from({ length: rows * cols }, () => init.normal(0, scale * Math.sqrt(2 / (rows + cols))));
  registerGradients();
  const W1 = variableOf(tf.tensor2d(glorot(D, H), [D, H]));
  const b1 = variableOf(tf.zeros([1, H]));
  const W2 = variableOf(tf.tensor2d(glorot(H, K, 0.1), [H, K]));
  const b2 = variableOf(tf.fill([1, K], SOFTPLUS_OF_ONE));
  const gamma = variableOf(tf.zeros([P, 1]));
  const variables = [W1, b1, W2, b2, gamma];
  const optimizer = tf.train.adam(o.learningRate);
  let host = variables.slice(0, 4).map((v) => v.dataSync() as Float32Array);

  const firstSeen = new Int32Array(env.users).fill(-1);
  const slates = new Int32Array(env.users);
  const success = new Float64Array(env.users * K);
  const globalSuccess = new Float64Array(K);
  const served = new Map<number, Float32Array>();
  let mean: Float64Array = new Float64Array(K).fill(1 / K);

  function context(round: number, user: number): Float32Array {
    const x = new Float32Array(D);
    const phase = (2 * Math.PI * (round % o.period)) / o.period;
    x[0] = Math.sin(phase);
    x[1] = Math.cos(phase);
    if (perUser) {
      x[2] = firstSeen[user] < 0 ? 0 : slates[user] / (round - firstSeen[user] + 1);
      x[3] = 1 / (1 + slates[user]);
      for (let k = 0; k < K; k++) x[4 + k] = success[user * K + k];
    }
    for (let k = 0; k < K; k++) x[4 + K + k] = globalSuccess[k];
    return x;
  }

  function forward(x: Float32Array): Float64Array {
    const [w1, c1, w2, c2] = host;
    const h = new Float64Array(H);
    for (let j = 0; j < H; j++) {
      let s = c1[j];
      for (let d = 0; d < D; d++) s += x[d] * w1[d * H + j];
      h[j] = Math.tanh(s);
    }
    const beta = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      let s = c2[k];
      for (let j = 0; j < H; j++) s += h[j] * w2[j * K + k];
      beta[k] = s > 30 ? s : Math.log1p(Math.exp(s));
    }
    return beta;
  }

  const piOf = (x: Float32Array) => toSimplex(forward(x), { ...config.simplex, kind: "floor" });

  function train(contexts: Float32Array, rows: ReturnType<typeof impressionRows>): void {
    tf.tidy(() => {
      const x = tf.tensor2d(contexts, [rows.n, D]);
      const s = tf.tensor2d(rows.scores, [rows.n, K]);
      const p = tf.tensor2d(rows.positions, [rows.n, P]);
      const y = tf.tensor2d(rows.clicks, [rows.n, 1]);
      for (let step = 0; step < o.steps; step++) {
        optimizer.minimize(
          () => {
            const beta = tf.softplus(tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, W1), b1)), W2), b2));
            const logits = tf.add(tf.sum(tf.mul(beta, s), 1, true), tf.matMul(p, gamma));
            return logLoss(y, logits);
          },
          false,
          variables,
        );
      }
    });
  }

  return {
    kind: "neural",
    components,
    weights({ round, user }) {
      const x = context(round, user);
      served.set(user, x);
      return piOf(x);
    },
    peek: ({ round, user }) => piOf(context(round, user)),
    update(round, feedback) {
      const credits = credit.credits(feedback);
      if (feedback.length === 0) return credits;
      const rows = impressionRows(feedback, K, P);
      const contexts = new Float32Array(rows.n * D);
      for (let r = 0; r < rows.n; r++) {
        const f = feedback[rows.slate[r]];
        contexts.set(served.get(f.user) ?? context(round, f.user), r * D);
      }
      train(contexts, rows);
      host = variables.slice(0, 4).map((v) => v.dataSync() as Float32Array);
      for (const h of host) assertFinite(h, Array<string>(h.length).fill("neural (a network weight)"), round);
      const users = feedback.map((f) => served.get(f.user) ?? context(round, f.user));
      mean = meanRow(users.map(piOf), K);
      served.clear();
      feedback.forEach((f, s) => {
        const u = f.user;
        if (firstSeen[u] < 0) firstSeen[u] = round;
        slates[u]++;
        for (let k = 0; k < K; k++) success[u * K + k] += o.successRate * (credits[s][k] - success[u * K + k]);
      });
      const r = meanRow(credits, K);
      for (let k = 0; k < K; k++) globalSuccess[k] += o.successRate * (r[k] - globalSuccess[k]);
      return credits;
    },
    global: () => mean,
    dispose() {
      for (const v of variables) v.dispose();
      optimizer.dispose();
    },
  };
}

export const NEURAL_POLICY: PolicySpec = {
  create: createNeuralPolicy,
  options: NEURAL_OPTIONS,
  levels: ["global", "user"],
  tensor: true,
  doc: () =>
    "A small contextual network (TensorFlow.js) that maps context (time of day, the user's activity, recent credit) to blend weights, trained as a click model on every round's impressions.",
};

import * as tf from "@tensorflow/tfjs-core";
import { registerGradients } from "../tensor/gradients.js";
import { variableOf } from "../tensor/variable.js";
import { choice, defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import type { PolicyConfig } from "./config.js";
import { initialWeights } from "./config.js";
import { CreditAssigner } from "./credit.js";
import { type ImpressionRows, impressionRows } from "./impressions.js";
import { assertFinite } from "./non-finite.js";
import type { PolicyEnvironment, PolicySpec, WeightPolicy } from "./policy.js";
import { capStep, toSimplex } from "./simplex.js";

export const LOGISTIC_OPTIONS = section({
  learningRate: number(0.05, [0, 10], "Adam learning rate."),
  steps: integer(5, [0, 1000], "Adam steps on each round's impressions."),
  l2: number(1e-3, [0, 10], "L2 penalty on the coefficients."),
  positions: integer(10, [1, 1000], "Slate positions with their own intercept (later positions share the last)."),
  engine: choice(
    ["tfjs", "js"],
    "tfjs",
    "tfjs: the Adam steps in TensorFlow.js (float32); js: the same steps in plain float64 JavaScript, the replay's choice (a TensorFlow.js call costs more than these K + P coefficients need).",
  ),
});

export type LogisticOptions = ValueOf<typeof LOGISTIC_OPTIONS>;

export const DEFAULT_LOGISTIC: LogisticOptions = defaults(LOGISTIC_OPTIONS);

/**
 * Learning to blend: online logistic regression of click on the normalised component scores of each shown item,
 *   P(click) = σ( Σ_k β_k·Ŝ_k(u,i) + γ_position ),
 * with a free intercept per slate position, so that position bias goes into γ and not into β. Trained by a few
 * Adam steps per round on the round's impressions (TensorFlow.js; coefficients start at zero). Since ranking by
 * Σ β_k·Ŝ_k is unchanged by a positive scale, the blend weights π ∝ max(β_k, ε) (ε = policy.simplex.floor) rank
 * items exactly as the fitted model does whenever every β_k ≥ ε. Global level only. The trace's credit is the
 * centred credit, shown for comparison; this policy does not learn from it.
 */
export function createLogisticPolicy(components: string[], config: PolicyConfig, _env: PolicyEnvironment): WeightPolicy {
  const o = resolveOptions(LOGISTIC_OPTIONS, config.options.logistic, "policy.options.logistic");
  const K = components.length;
  const P = Math.max(1, Math.round(o.positions));
  const credit = new CreditAssigner(K, config.credit, config.rewards);
  const engine = o.engine === "js" ? jsEngine(K, P, o) : tfjsEngine(K, P, o);
  let pi = initialWeights(components, config.weights);
  return {
    kind: "logistic",
    components,
    weights: () => pi,
    peek: () => pi,
    update(round, feedback) {
      const credits = credit.credits(feedback);
      if (feedback.length === 0) return credits;
      const beta = engine.fit(impressionRows(feedback, K, P));
      assertFinite(beta, components, round);
      pi = capStep(pi, toSimplex(beta, { ...config.simplex, kind: "floor" }), config.simplex.maxStep);
      return credits;
    },
    global: () => pi,
    dispose: () => engine.dispose(),
  };
}

/** What fits the regression: `o.steps` Adam steps on a round's impressions, returning the components' coefficients β. */
interface LogisticEngine {
  fit(rows: ImpressionRows): Float64Array;
  dispose(): void;
}

function tfjsEngine(K: number, P: number, o: LogisticOptions): LogisticEngine {
  registerGradients();
  const coefficients = variableOf(tf.zeros([K + P, 1]));
  const optimizer = tf.train.adam(o.learningRate);
  const penalty = tf.tensor2d(Float32Array.from({ length: K + P }, (_, j) => (j < K ? o.l2 : 0)), [K + P, 1]);
  return {
    fit(rows) {
      const features = new Float32Array(rows.n * (K + P));
      for (let r = 0; r < rows.n; r++) {
        features.set(rows.scores.subarray(r * K, (r + 1) * K), r * (K + P));
        features.set(rows.positions.subarray(r * P, (r + 1) * P), r * (K + P) + K);
      }
      tf.tidy(() => {
        const x = tf.tensor2d(features, [rows.n, K + P]);
        const y = tf.tensor2d(rows.clicks, [rows.n, 1]);
        for (let s = 0; s < o.steps; s++) {
          optimizer.minimize(
            () => tf.add(logLoss(y, tf.matMul(x, coefficients)), tf.sum(tf.mul(penalty, tf.square(coefficients)))) as tf.Scalar,
            false,
            [coefficients],
          );
        }
      });
      return Float64Array.from(coefficients.dataSync().subarray(0, K));
    },
    dispose() {
      coefficients.dispose();
      penalty.dispose();
      optimizer.dispose();
    },
  };
}

/** Adam's constants as TensorFlow.js sets them (β₁ 0.9, β₂ 0.999, ε 1e-7 on a float32 backend). */
const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/**
 * The Adam steps in plain JavaScript: the same model, loss, penalty and update as the TensorFlow.js engine, in
 * float64 (so its coefficients differ from the float32 engine's in the last digits).
 */
function jsEngine(K: number, P: number, o: LogisticOptions): LogisticEngine {
  const D = K + P;
  const coefficients = new Float64Array(D);
  const m = new Float64Array(D);
  const v = new Float64Array(D);
  const grad = new Float64Array(D);
  let t = 0;
  return {
    fit(rows) {
      for (let s = 0; s < o.steps; s++) {
        grad.fill(0);
        for (let r = 0; r < rows.n; r++) {
          let z = 0;
          for (let k = 0; k < K; k++) z += rows.scores[r * K + k] * coefficients[k];
          for (let p = 0; p < P; p++) z += rows.positions[r * P + p] * coefficients[K + p];
          const e = (1 / (1 + Math.exp(-z)) - rows.clicks[r]) / rows.n;
          for (let k = 0; k < K; k++) grad[k] += e * rows.scores[r * K + k];
          for (let p = 0; p < P; p++) grad[K + p] += e * rows.positions[r * P + p];
        }
        t++;
        const c1 = 1 - ADAM.beta1 ** t;
        const c2 = 1 - ADAM.beta2 ** t;
        for (let j = 0; j < D; j++) {
          const g = grad[j] + (j < K ? 2 * o.l2 * coefficients[j] : 0);
          m[j] = ADAM.beta1 * m[j] + (1 - ADAM.beta1) * g;
          v[j] = ADAM.beta2 * v[j] + (1 - ADAM.beta2) * g * g;
          coefficients[j] -= (o.learningRate * (m[j] / c1)) / (Math.sqrt(v[j] / c2) + ADAM.epsilon);
        }
      }
      return coefficients.slice(0, K);
    },
    dispose() {},
  };
}

export const LOGISTIC_POLICY: PolicySpec = {
  create: createLogisticPolicy,
  options: LOGISTIC_OPTIONS,
  levels: ["global"],
  tensor: true,
  doc: () =>
    "Learning to blend: an online logistic regression of click on the components' scores (TensorFlow.js, or plain JavaScript with engine js, with an intercept per slate position for position bias); π follows its positive coefficients.",
};

/** Mean logistic loss of logits z for labels y: log(1 + e^z) − y·z (only ops whose gradients lib/tensor registers). */
export function logLoss(y: tf.Tensor, z: tf.Tensor): tf.Scalar {
  return tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z)));
}

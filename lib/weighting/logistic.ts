import * as tf from "@tensorflow/tfjs-core";
import { registerGradients } from "../tensor/gradients.js";
import { variableOf } from "../tensor/variable.js";
import { defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import type { PolicyConfig } from "./config.js";
import { initialWeights } from "./config.js";
import { CreditAssigner } from "./credit.js";
import { impressionRows } from "./impressions.js";
import { assertFinite } from "./non-finite.js";
import type { PolicyEnvironment, PolicySpec, WeightPolicy } from "./policy.js";
import { capStep, toSimplex } from "./simplex.js";

export const LOGISTIC_OPTIONS = section({
  learningRate: number(0.05, [0, 10], "Adam learning rate."),
  steps: integer(5, [0, 1000], "Adam steps on each round's impressions."),
  l2: number(1e-3, [0, 10], "L2 penalty on the coefficients."),
  positions: integer(10, [1, 1000], "Slate positions with their own intercept (later positions share the last)."),
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
  registerGradients();
  const coefficients = variableOf(tf.zeros([K + P, 1]));
  const optimizer = tf.train.adam(o.learningRate);
  const penalty = tf.tensor2d(Float32Array.from({ length: K + P }, (_, j) => (j < K ? o.l2 : 0)), [K + P, 1]);
  let pi = initialWeights(components, config.weights);
  let beta = new Float64Array(K);
  return {
    kind: "logistic",
    components,
    weights: () => pi,
    peek: () => pi,
    update(round, feedback) {
      const credits = credit.credits(feedback);
      if (feedback.length === 0) return credits;
      const rows = impressionRows(feedback, K, P);
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
      beta = Float64Array.from(coefficients.dataSync().subarray(0, K));
      assertFinite(beta, components, round);
      pi = capStep(pi, toSimplex(beta, { ...config.simplex, kind: "floor" }), config.simplex.maxStep);
      return credits;
    },
    global: () => pi,
    dispose() {
      coefficients.dispose();
      penalty.dispose();
      optimizer.dispose();
    },
  };
}

export const LOGISTIC_POLICY: PolicySpec = {
  create: createLogisticPolicy,
  options: LOGISTIC_OPTIONS,
  levels: ["global"],
  tensor: true,
  doc: () =>
    "Learning to blend: an online logistic regression of click on the components' scores (TensorFlow.js, with an intercept per slate position for position bias); π follows its positive coefficients.",
};

/** Mean logistic loss of logits z for labels y: log(1 + e^z) − y·z (only ops whose gradients lib/tensor registers). */
export function logLoss(y: tf.Tensor, z: tf.Tensor): tf.Scalar {
  return tf.mean(tf.sub(tf.softplus(z), tf.mul(y, z)));
}

import type { Stream } from "../random/stream.js";
import { choice, defaults, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import type { PolicyConfig } from "./config.js";
import { initialWeights } from "./config.js";
import { argmax, drawVertex, type Learner } from "./learner.js";
import { createLevelledPolicy, LEVELS } from "./levels.js";
import { assertFinite } from "./non-finite.js";
import type { PolicyEnvironment, PolicySpec, WeightPolicy } from "./policy.js";

export const EXP3_OPTIONS = section({
  gamma: number(0.1, [0, 1], "Exploration γ: π = (1 − γ)·softmax(G) + γ/K."),
  eta: number(2, [0, 100], "Learning rate η on the round's mean estimated gain."),
  forget: number(0.02, [0, 1], "Share of the accumulated gain forgotten per round (0: classic Exp3; > 0 tracks a drifting best arm)."),
  serve: choice(["draw", "blend"], "draw", "`draw`: each slate is served by one component drawn from π; `blend`: served by the blend π (Hedge on credit)."),
});

export type Exp3Options = ValueOf<typeof EXP3_OPTIONS>;

export const DEFAULT_EXP3: Exp3Options = defaults(EXP3_OPTIONS);

/**
 * Exp3 over components (adversarial bandit). Gain of a slate: x = (r_k + 1) / 2 ∈ [0, 1] with r_k the credit of
 * the component k that served it (credit.ts; with Ŝ_k ≈ 1 on k's own top items this is how much better than its
 * positions predict the slate did). `draw`: only the served arm gets x / π_k (importance weighting with the π
 * the arm was drawn from). `blend`: every arm gets x_k from its credit on the blended slate (full information).
 * Per round G ← (1 − forget)·G + η·mean over slates of the estimated gains, so the speed does not depend on how
 * many users were active.
 */
export function createExp3Learner(components: string[], config: PolicyConfig, o: Exp3Options, G?: Float64Array, seen = 0): Learner {
  const K = components.length;
  const gains = G ?? initialWeights(components, config.weights).map((p) => Math.log(Math.max(p, 1e-12)));
  let count = seen;
  const piOf = (g: Float64Array) => {
    const max = Math.max(...g);
    const e = g.map((v) => Math.exp(v - max));
    const sum = e.reduce((s, v) => s + v, 0);
    return e.map((v) => (1 - o.gamma) * (v / sum) + o.gamma / K);
  };
  let pi = piOf(gains);
  return {
    draws: o.serve === "draw",
    pi: () => pi,
    serve: (stream: Stream) => (o.serve === "draw" ? drawVertex(pi, stream) : pi),
    get seen() {
      return count;
    },
    learn(round, feedback, credits, propensity) {
      if (feedback.length === 0) return;
      const x = new Float64Array(K);
      feedback.forEach((f, s) => {
        if (o.serve === "draw") {
          const k = argmax(f.weights);
          x[k] += (credits[s][k] + 1) / 2 / Math.max(propensity[s][k], 1e-9);
        } else for (let k = 0; k < K; k++) x[k] += (credits[s][k] + 1) / 2;
      });
      for (let k = 0; k < K; k++) gains[k] = (1 - o.forget) * gains[k] + (o.eta * x[k]) / feedback.length;
      assertFinite(gains, components, round);
      pi = piOf(gains);
      count += feedback.length;
    },
    copy: () => createExp3Learner(components, config, o, gains.slice(), count),
  };
}

export function createExp3Policy(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy {
  const o = resolveOptions(EXP3_OPTIONS, config.options.exp3, "policy.options.exp3");
  return createLevelledPolicy("exp3", components, config, env, createExp3Learner(components, config, o));
}

export const EXP3_POLICY: PolicySpec = {
  create: createExp3Policy,
  options: EXP3_OPTIONS,
  levels: LEVELS,
  doc: () =>
    "Exp3, an adversarial bandit over components: each slate is served by one component drawn from π; the drawn one's gain, divided by the chance it had, adds to its score, and π = softmax of the scores mixed with γ of exploration.",
};

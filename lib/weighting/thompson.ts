import type { Stream } from "../random/stream.js";
import type { PolicyConfig } from "./config.js";
import { argmax, type Learner } from "./learner.js";
import { choice, defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import { createLevelledPolicy, LEVELS } from "./levels.js";
import { assertFinite } from "./non-finite.js";
import type { PolicyEnvironment, PolicySpec, WeightPolicy } from "./policy.js";

export const THOMPSON_OPTIONS = section({
  priorSd: number(0.5, [1e-6, 1e3], "Prior N(0, priorSd²) on each component's mean credit."),
  noiseSd: number(0.5, [1e-6, 1e3], "Standard deviation of one slate's credit around the component's mean (the likelihood's noise)."),
  forget: number(0.05, [0, 1], "Share of the evidence (posterior precision above the prior) forgotten per round, so the posterior keeps up with drift."),
  serve: choice(["draw", "blend"], "draw", "`draw`: each slate is served by the component whose posterior sample is highest; `blend`: served by π."),
  samples: integer(256, [1, 1e5], "Fixed normal draws used to estimate π = P(component is best) (probability matching), deterministic."),
});

export type ThompsonOptions = ValueOf<typeof THOMPSON_OPTIONS>;

export const DEFAULT_THOMPSON: ThompsonOptions = defaults(THOMPSON_OPTIONS);

interface Posterior {
  mean: Float64Array;
  precision: Float64Array;
}

/**
 * Thompson sampling over components with a Gaussian posterior on each component's mean credit (credit.ts,
 * in [−1, 1]). `draw`: a slate is served by the argmax of one posterior sample, and only that arm's posterior
 * learns from the slate's credit (bandit feedback); `blend`: every arm learns from its credit on the blended
 * slate. π (for display, for `blend` serving and for the segment level's draws) is the probability that each
 * arm is best, estimated with a fixed set of standard normal draws.
 */
export function createThompsonLearner(components: string[], o: ThompsonOptions, z: Float64Array, post?: Posterior, seen = 0): Learner {
  const K = components.length;
  const prior = 1 / (o.priorSd * o.priorSd);
  const noise = 1 / (o.noiseSd * o.noiseSd);
  const p: Posterior = post ?? { mean: new Float64Array(K), precision: new Float64Array(K).fill(prior) };
  let count = seen;
  const matching = () => {
    const wins = new Float64Array(K);
    const M = z.length / K;
    const sample = new Float64Array(K);
    for (let m = 0; m < M; m++) {
      for (let k = 0; k < K; k++) sample[k] = p.mean[k] + z[m * K + k] / Math.sqrt(p.precision[k]);
      wins[argmax(sample)]++;
    }
    return wins.map((w) => w / M);
  };
  let pi = matching();
  return {
    draws: o.serve === "draw",
    pi: () => pi,
    serve(stream: Stream) {
      if (o.serve === "blend") return pi;
      const sample = new Float64Array(K);
      for (let k = 0; k < K; k++) sample[k] = stream.normal(p.mean[k], 1 / Math.sqrt(p.precision[k]));
      const out = new Float64Array(K);
      out[argmax(sample)] = 1;
      return out;
    },
    get seen() {
      return count;
    },
    learn(round, feedback, credits) {
      if (feedback.length === 0) return;
      for (let k = 0; k < K; k++) p.precision[k] = prior + (1 - o.forget) * (p.precision[k] - prior);
      const sum = new Float64Array(K);
      const n = new Float64Array(K);
      feedback.forEach((f, s) => {
        if (o.serve === "draw") {
          const k = argmax(f.weights);
          sum[k] += credits[s][k];
          n[k]++;
        } else for (let k = 0; k < K; k++) (sum[k] += credits[s][k]), n[k]++;
      });
      for (let k = 0; k < K; k++) {
        if (n[k] === 0) continue;
        const precision = p.precision[k] + n[k] * noise;
        p.mean[k] = (p.mean[k] * p.precision[k] + sum[k] * noise) / precision;
        p.precision[k] = precision;
      }
      assertFinite(p.mean, components, round);
      pi = matching();
      count += feedback.length;
    },
    copy: () => createThompsonLearner(components, o, z, { mean: p.mean.slice(), precision: p.precision.slice() }, count),
  };
}

export function createThompsonPolicy(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy {
  const o = resolveOptions(THOMPSON_OPTIONS, config.options.thompson, "policy.options.thompson");
  const fixed = env.stream.fork("probability-matching");
  const z = Float64Array.from({ length: Math.max(1, Math.round(o.samples)) * components.length }, () => fixed.normal());
  return createLevelledPolicy("thompson", components, config, env, createThompsonLearner(components, o, z));
}

export const THOMPSON_POLICY: PolicySpec = {
  create: createThompsonPolicy,
  options: THOMPSON_OPTIONS,
  levels: LEVELS,
  doc: () =>
    "Thompson sampling: a Gaussian belief about each component's mean credit; each slate is served by the component whose sampled mean is highest, so an uncertain component still gets tried. π is each one's chance of being best.",
};

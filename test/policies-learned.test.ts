import "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { meanInterval } from "../lib/stats/mean-interval.js";
import { DEFAULT_POLICY_CONFIG, type PolicyConfig } from "../lib/weighting/config.js";
import type { SlateFeedback, WeightPolicy } from "../lib/weighting/policy.js";
import { createPolicy } from "../lib/weighting/registry.js";

/** n users × 10 items per round; an item is clicked with probability 0.6·Ŝ_k of the informative component k. */
function feed(policy: WeightPolicy, stream: Stream, round: number, informative: number, users = 12): void {
  const feedback: SlateFeedback[] = [];
  for (let u = 0; u < users; u++) {
    const weights = policy.weights({ round, user: u });
    const scores = new Float32Array(20);
    const rewards = new Float64Array(10);
    const clicked: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      scores[i * 2] = stream.next();
      scores[i * 2 + 1] = stream.next();
      const c = stream.next() < 0.6 * scores[i * 2 + informative];
      clicked.push(c);
      rewards[i] = c ? 1 : -1;
    }
    feedback.push({ user: u, round, scores, rewards, clicked, weights });
  }
  policy.update(round, feedback);
}

const make = (kind: string, level: PolicyConfig["level"] = "global", seed = 0) =>
  createPolicy(["a", "b"], { ...DEFAULT_POLICY_CONFIG, kind, level }, { users: 12, stream: new Stream(`learned/${kind}/${seed}`) });

/** Six runs: seeds 1–6, the informative component at index seed mod 2 (three runs with each). */
const RUNS = [1, 2, 3, 4, 5, 6].map((seed) => ({ seed, informative: seed % 2 }));

describe("logistic: online logistic regression of click on component scores", () => {
  it("puts the weight on the component whose scores predict clicks, at either index, with no tensor left behind", () => {
    const before = tf.memory().numTensors;
    const shares = RUNS.map(({ seed, informative }) => {
      const policy = make("logistic", "global", seed);
      const stream = new Stream(`logistic/data/${seed}`);
      for (let t = 0; t < 60; t++) feed(policy, stream, t, informative);
      const share = policy.global()[informative];
      policy.dispose();
      return share;
    });
    // over six runs (three with each index) the 95 % interval of the informative component's weight lies above 0.8
    expect(meanInterval(shares).lo).toBeGreaterThan(0.8);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("neural: a contextual network", () => {
  it("learns that the better component depends on the time of day, whichever index is better in the morning", () => {
    const gaps = RUNS.map(({ seed, informative: m }) => {
      const policy = make("neural", "global", seed);
      const stream = new Stream(`neural/data/${seed}`);
      for (let t = 0; t < 240; t++) feed(policy, stream, t, t % 24 < 12 ? m : 1 - m);
      // the morning component's weight in the morning minus its weight in the evening, within one run
      const gap = policy.weights({ round: 246, user: 0 })[m] - policy.weights({ round: 258, user: 0 })[m];
      policy.dispose();
      return gap;
    });
    expect(meanInterval(gaps).lo).toBeGreaterThan(0.2);
  });

  it("at level user, gives users with different recent success different weights", () => {
    const gaps = RUNS.map(({ seed, informative: first }) => {
      const policy = make("neural", "user", seed);
      const stream = new Stream(`neural/users/${seed}`);
      // users 0–5 click what component `first` ranks high, users 6–11 what the other ranks high
      for (let t = 0; t < 120; t++) {
        const feedback: SlateFeedback[] = [];
        for (let u = 0; u < 12; u++) {
          const k = u < 6 ? first : 1 - first;
          const weights = policy.weights({ round: t, user: u });
          const scores = Float32Array.from({ length: 20 }, () => stream.next());
          const clicked = Array.from({ length: 10 }, (_, i) => stream.next() < 0.6 * scores[i * 2 + k]);
          feedback.push({ user: u, round: t, scores, rewards: Float64Array.from(clicked, (c) => (c ? 1 : -1)), clicked, weights });
        }
        policy.update(t, feedback);
      }
      const gap = policy.weights({ round: 120, user: 0 })[first] - policy.weights({ round: 120, user: 11 })[first];
      policy.dispose();
      return gap;
    });
    expect(meanInterval(gaps).lo).toBeGreaterThan(0.2);
  });
});

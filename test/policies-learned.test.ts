import "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
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

const make = (kind: string, level: PolicyConfig["level"] = "global") =>
  createPolicy(["a", "b"], { ...DEFAULT_POLICY_CONFIG, kind, level }, { users: 12, stream: new Stream(`learned/${kind}`) });

describe("logistic: online logistic regression of click on component scores", () => {
  it("puts the weight on the component whose scores predict clicks, with no tensor left behind", () => {
    const before = tf.memory().numTensors;
    const policy = make("logistic");
    const stream = new Stream("logistic/data");
    for (let t = 0; t < 60; t++) feed(policy, stream, t, 0);
    expect(policy.global()[0]).toBeGreaterThan(0.8);
    policy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("neural: a contextual network", () => {
  it("learns that the better component depends on the time of day", () => {
    const policy = make("neural");
    const stream = new Stream("neural/data");
    for (let t = 0; t < 240; t++) feed(policy, stream, t, t % 24 < 12 ? 0 : 1);
    const morning = policy.weights({ round: 246, user: 0 })[0];
    const evening = policy.weights({ round: 258, user: 0 })[0];
    expect(morning - evening).toBeGreaterThan(0.2);
    policy.dispose();
  });

  it("at level user, gives users with different recent success different weights", () => {
    const policy = make("neural", "user");
    const stream = new Stream("neural/users");
    // users 0–5 click what component 0 ranks high, users 6–11 what component 1 ranks high
    for (let t = 0; t < 120; t++) {
      const feedback: SlateFeedback[] = [];
      for (let u = 0; u < 12; u++) {
        const k = u < 6 ? 0 : 1;
        const weights = policy.weights({ round: t, user: u });
        const scores = Float32Array.from({ length: 20 }, () => stream.next());
        const clicked = Array.from({ length: 10 }, (_, i) => stream.next() < 0.6 * scores[i * 2 + k]);
        feedback.push({ user: u, round: t, scores, rewards: Float64Array.from(clicked, (c) => (c ? 1 : -1)), clicked, weights });
      }
      policy.update(t, feedback);
    }
    const first = policy.weights({ round: 120, user: 0 })[0];
    const second = policy.weights({ round: 120, user: 11 })[0];
    expect(first - second).toBeGreaterThan(0.2);
    policy.dispose();
  });
});

import { describe, expect, it } from "vitest";
import { backend } from "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { createAdapter, type ClickBatch } from "../lib/encoders/adapter.js";
import { l2normalise } from "../lib/encoders/encoder.js";
import { Stream } from "../lib/random/stream.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { scenario, vocabulary } from "./support/scenario.js";

/** Mean log loss of σ(s·cos(pA, eA) + b), in plain JS (the reference for the hand-written gradient). */
function loss(a: Float64Array, batch: ClickBatch, d: number, s: number, b: number): number {
  const n = batch.clicked.length;
  let total = 0;
  for (let r = 0; r < n; r++) {
    const x = new Float64Array(d);
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        x[j] += batch.profiles[r * d + i] * a[i * d + j];
        y[j] += batch.items[r * d + i] * a[i * d + j];
      }
    }
    const c = x.reduce((t, v, j) => t + v * y[j], 0) / Math.hypot(...x) / Math.hypot(...y);
    const p = 1 / (1 + Math.exp(-(s * c + b)));
    total -= batch.clicked[r] ? Math.log(p) : Math.log(1 - p);
  }
  return total / n;
}

/** Clicks that depend on the first two coordinates only: the frozen space over-weights the other two. */
function batch(stream: Stream, n: number, d: number): ClickBatch {
  const profiles = new Float32Array(n * d).map(() => stream.normal());
  const items = new Float32Array(n * d).map(() => stream.normal());
  l2normalise(profiles, d);
  l2normalise(items, d);
  const clicked = new Float32Array(n).map((_, r) => {
    const dot = profiles[r * d] * items[r * d] + profiles[r * d + 1] * items[r * d + 1];
    return stream.next() < 1 / (1 + Math.exp(-(8 * dot - 2))) ? 1 : 0;
  });
  return { profiles, items, clicked };
}

describe(`click-trained projection adapter (${backend})`, () => {
  it("starts as the frozen encoder: the identity, rows normalised", () => {
    const adapter = createAdapter(3);
    const v = Float32Array.of(3, 0, 4, 0, 0, 0);
    expect(adapter.project(v)).toEqual(Float32Array.of(0.6, 0, 0.8, 0, 0, 0));
    adapter.dispose();
  });

  it("steps along the gradient of the log loss (checked by finite differences)", () => {
    const d = 3;
    const data = batch(new Stream(5), 40, d);
    const eta = 1e-3;
    const adapter = createAdapter(d, { learningRate: eta, steps: 1, l2: 0, scale: 4, offset: -1 });
    const before = adapter.train(data);
    const identity = Float64Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? 1 : 0));
    expect(before).toBeCloseTo(loss(identity, data, d, 4, -1), 5);
    const stepped = adapter.matrix();
    for (let k = 0; k < d * d; k++) {
      const plus = identity.slice();
      const minus = identity.slice();
      plus[k] += 1e-5;
      minus[k] -= 1e-5;
      const numeric = (loss(plus, data, d, 4, -1) - loss(minus, data, d, 4, -1)) / 2e-5;
      expect((identity[k] - stepped[k]) / eta).toBeCloseTo(numeric, 2);
    }
    adapter.dispose();
  });

  it("learns from clicks which directions matter, and fits fresh clicks better than the frozen space", () => {
    const d = 4;
    const stream = new Stream(9);
    const adapter = createAdapter(d);
    for (let round = 0; round < 150; round++) adapter.train(batch(stream, 100, d));
    const a = adapter.matrix();
    adapter.dispose();
    const rowNorm = (i: number) => Math.hypot(...a.subarray(i * d, (i + 1) * d));
    expect(Math.min(rowNorm(0), rowNorm(1))).toBeGreaterThan(1.5 * Math.max(rowNorm(2), rowNorm(3)));
    const held = batch(new Stream(99), 400, d);
    const identity = Float64Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? 1 : 0));
    expect(bestLoss(Float64Array.from(a), held, d)).toBeLessThan(bestLoss(identity, held, d) - 0.02);
  });

  it("leaves no tensors behind", () => {
    const before = tf.memory().numTensors;
    const adapter = createAdapter(4);
    adapter.train(batch(new Stream(1), 20, 4));
    adapter.project(new Float32Array(8).fill(1));
    adapter.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** The loss of a projection on a batch with its best logit slope and offset (a grid search), so spaces compare fairly. */
function bestLoss(a: Float64Array, data: ClickBatch, d: number): number {
  let best = Infinity;
  for (let s = 1; s <= 12; s += 1) for (let b = -6; b <= 1; b += 0.5) best = Math.min(best, loss(a, data, d, s, b));
  return best;
}

describe(`content with the adapter (${backend})`, () => {
  it("trains the projection from the loop's clicks, reports its loss and leaks no tensors", () => {
    const sets = ["world.items=150", "world.users=40", "run.rounds=6", "recommender.components=content", "encoder.dim=16"];
    const vocab = vocabulary(scenario(sets));
    const before = tf.memory().numTensors;
    const frozen = new Simulation(scenario(sets), vocab);
    const adapted = new Simulation(scenario([...sets, "recommender.options.content.adapter=1"]), vocab);
    const losses: number[] = [];
    let differs = false;
    while (!adapted.done) {
      const a = adapted.step();
      const f = frozen.step();
      losses.push(a.diagnostics["content.adapter_loss"]);
      expect(f.diagnostics["content.adapter_loss"]).toBeUndefined();
      if (a.round > 1 && a.metrics.ndcg !== f.metrics.ndcg) differs = true;
    }
    expect(losses.every((l) => Number.isFinite(l))).toBe(true);
    expect(losses.some((l) => l > 0)).toBe(true);
    expect(differs).toBe(true);
    adapted.dispose();
    frozen.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

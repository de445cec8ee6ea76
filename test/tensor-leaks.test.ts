import "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { Simulation } from "../lib/simulation/simulation.js";
import { builtin, vocabulary } from "./support/scenario.js";

describe("TensorFlow.js components", () => {
  it("keep tf.memory().numTensors flat over 100 rounds, and dispose back to where they started", () => {
    const before = tf.memory().numTensors;
    const config = builtin("sequential", [
      "world.users=30",
      "world.items=80",
      "world.initialItems=0.5",
      "run.rounds=100",
      "recommender.components=mf,sequence",
      "recommender.options.sequence.steps=1",
      "recommender.options.sequence.batchSize=16",
      "recommender.options.mf.epochs=1",
      "policy.kind=static",
    ]);
    const simulation = new Simulation(config, vocabulary(config));
    const counts: number[] = [];
    while (!simulation.done) {
      simulation.step();
      counts.push(tf.memory().numTensors);
    }
    expect(counts).toHaveLength(100);
    expect(counts[99]).toBe(counts[4]);
    expect(Math.max(...counts.slice(4))).toBe(counts[4]);
    simulation.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

import "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIMULATIONS } from "../cli/files.js";
import { prepareWorld } from "../cli/world-source.js";
import { resolveScenario } from "../lib/scenario/resolve.js";
import { runScenario } from "../lib/simulation/run.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { MODEL_POLICIES, POLICY_KINDS } from "../lib/weighting/registry.js";
import { ROOT } from "./support/cli.js";
import { scriptedLlm } from "./support/llm.js";
import { scenario, TINY, vocabulary } from "./support/scenario.js";

const NAMES = readdirSync(SIMULATIONS)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5))
  .sort();
const ROUNDS = 4;
const onSimplex = (pi: ArrayLike<number>) => {
  let sum = 0;
  for (let k = 0; k < pi.length; k++) {
    expect(pi[k]).toBeGreaterThanOrEqual(0);
    sum += pi[k];
  }
  expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
};

async function tiny(name: string, kind: string) {
  const raw = JSON.parse(readFileSync(join(SIMULATIONS, `${name}.json`), "utf8"));
  const synthetic = (raw.data?.source ?? "synthetic") === "synthetic";
  const sets = [`run.rounds=${ROUNDS}`, `policy.kind=${kind}`, "policy.level=global", ...(MODEL_POLICIES.includes(kind) ? ["policy.options.llm.every=2"] : [])];
  sets.push(...(synthetic ? ["world.users=40", "world.items=120"] : ["world.activeFraction=1"]));
  if (raw.world?.drift?.shift?.at) sets.push(`world.drift.shift.at=[${ROUNDS / 2}]`);
  return prepareWorld(resolveScenario(raw, sets), synthetic ? undefined : join(ROOT, "test/fixtures/movielens-tiny"));
}

describe("every policy runs in every built-in scenario (tiny size)", () => {
  it.each(POLICY_KINDS)("%s", async (kind) => {
    for (const name of NAMES) {
      const { config, vocabulary: v, source } = await tiny(name, kind);
      const llm = MODEL_POLICIES.includes(kind) ? scriptedLlm() : undefined;
      const { records, summary } = runScenario(config, v, { source, llm });
      if (llm) expect(llm.calls.map((c) => c.round), name).toEqual([1]);
      expect(records, name).toHaveLength(ROUNDS);
      for (const r of records) {
        onSimplex(r.weights);
        expect(Number.isFinite(r.metrics.ctr), `${name} ${kind}`).toBe(true);
      }
      expect(Number.isFinite(summary.stability.volatility)).toBe(true);
    }
  });
});

describe("policies are deterministic under a seed and the TensorFlow.js ones leak no tensor", () => {
  it.each(["exp3", "thompson", "logistic", "neural", "oracle-weights", "ema"])("%s: two runs give the same weights", (kind) => {
    const config = scenario([...TINY, `policy.kind=${kind}`]);
    const a = runScenario(config, vocabulary(config)).records.map((r) => Array.from(r.weights));
    const b = runScenario(config, vocabulary(config)).records.map((r) => Array.from(r.weights));
    expect(a).toEqual(b);
  });

  it.each(["logistic", "neural"])("%s: numTensors is flat across rounds and back to the start after dispose", (kind) => {
    const before = tf.memory().numTensors;
    const config = scenario(["world.users=60", "world.items=200", "run.rounds=30", `policy.kind=${kind}`]);
    const sim = new Simulation(config, vocabulary(config));
    sim.step();
    const afterFirst = tf.memory().numTensors;
    while (!sim.done) sim.step();
    expect(tf.memory().numTensors).toBe(afterFirst);
    sim.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("the trace shows the credit the policy used", () => {
  it.each(["ema", "exp3", "static"])("%s: trace.credit is the first slate's credit returned by update", (kind) => {
    const config = scenario([...TINY, `policy.kind=${kind}`]);
    const sim = new Simulation(config, vocabulary(config), { trace: true });
    const update = sim.policy.update.bind(sim.policy);
    let used: Float64Array[] = [];
    sim.policy.update = (round, feedback) => (used = update(round, feedback));
    for (let t = 0; t < 5; t++) {
      const record = sim.step();
      expect(record.trace!.credit).toEqual(Array.from(used[0]));
    }
    sim.dispose();
  });
});

/**
 * Per-round cost of the TensorFlow.js components (issue 3), score and observe timed separately, at the `standard`
 * size: 1,000 users, 5,000 items, 20 % active (≈ 200 users scored per round), k = 10, stationary world.
 * `npx tsx bench/components-tf.bench.ts [rounds]` runs it alone.
 */
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { setupBackend } from "../cli/backend.js";
import { loadScenario, loadVocabulary } from "../cli/files.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { cpuMs, type CallTiming } from "./timing.js";

export const TF_COMPONENTS = ["mf", "sequence"];

export interface ComponentTiming extends CallTiming {
  /** The whole loop step (world, normalisation, slates, metrics and the component). */
  stepMs: number;
  activeUsers: number;
  tensors: number;
}

/** Runs `rounds` rounds with one component and times its calls after `warmup` rounds; `sets` as with --set. */
export function timeComponent(name: string, rounds = 40, warmup = 5, sets: string[] = [], scenario = "stationary"): ComponentTiming {
  const config = loadScenario(scenario, [
    "world.users=1000",
    "world.items=5000",
    "world.activeFraction=0.2",
    "recommender.k=10",
    `recommender.components=${name}`,
    "policy.kind=static",
    `run.rounds=${rounds + 1}`,
    // the text model a Simulation builds itself (the built-in's pretrained is loaded only by the command line)
    "encoder.kind=hashing",
    ...sets,
  ]);
  const simulation = new Simulation(config, loadVocabulary(config.world.topics));
  const component = simulation.components[0];
  const spent = { score: 0, observe: 0 };
  const cpuSpent = { score: 0, observe: 0 };
  const score = component.score.bind(component);
  const observe = component.observe.bind(component);
  let counting = false;
  const timed =
    <A extends unknown[], R>(key: keyof typeof spent, f: (...a: A) => R) =>
    (...a: A): R => {
      const t0 = performance.now();
      const c0 = cpuMs();
      const out = f(...a);
      if (counting) {
        spent[key] += performance.now() - t0;
        cpuSpent[key] += cpuMs() - c0;
      }
      return out;
    };
  Object.assign(component, { score: timed("score", score), observe: timed("observe", observe) });
  let step = 0;
  let active = 0;
  for (let r = 0; r < rounds; r++) {
    counting = r >= warmup;
    const t0 = performance.now();
    const record = simulation.step();
    if (counting) {
      step += performance.now() - t0;
      active += record.active;
    }
  }
  const tensors = tf.memory().numTensors;
  simulation.dispose();
  const n = rounds - warmup;
  return {
    name,
    rounds: n,
    scoreMs: spent.score / n,
    observeMs: spent.observe / n,
    scoreCpuMs: cpuSpent.score / n,
    observeCpuMs: cpuSpent.observe / n,
    stepMs: step / n,
    activeUsers: active / n,
    tensors,
  };
}

export async function run(rounds = 40): Promise<void> {
  const backend = await setupBackend();
  console.log(`TensorFlow.js components at standard size (1,000 users × 5,000 items, 20 % active, k = 10), backend ${backend}`);
  for (const name of TF_COMPONENTS) {
    const t = timeComponent(name, rounds);
    console.log(
      `${t.name.padEnd(9)} score ${t.scoreMs.toFixed(1).padStart(6)} ms/round (cpu ${t.scoreCpuMs.toFixed(1)})  ` +
        `observe ${t.observeMs.toFixed(1).padStart(6)} ms/round (cpu ${t.observeCpuMs.toFixed(1)})  ` +
        `[whole loop step ${t.stepMs.toFixed(1)} ms, ${Math.round(t.activeUsers)} users scored/round, mean of ${t.rounds} rounds]`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run(Number(process.argv[2] ?? 40));

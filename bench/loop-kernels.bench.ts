/**
 * The loop's dense per-round kernels at the `standard` size (200 active users × 5,000 items, 12 topics,
 * 2 components), typed arrays against TensorFlow.js (WASM backend, data transfer included), to back the choice
 * the loop makes: typed arrays for all three.
 */
import * as tf from "@tensorflow/tfjs-core";
import { setupBackend } from "../cli/backend.js";
import { loadVocabulary } from "../cli/files.js";
import { Stream } from "../lib/random/stream.js";
import { normaliseRows } from "../lib/recommenders/normalise.js";
import { resolveScenario } from "../lib/scenario/resolve.js";
import { World } from "../lib/world/world.js";
import type { BenchCase } from "./run.js";

const USERS = 1000;
const ITEMS = 5000;

function time(repeats: number, f: () => void): number {
  f();
  const started = performance.now();
  for (let r = 0; r < repeats; r++) f();
  return (performance.now() - started) / repeats;
}

function line(kernel: string, typed: number, tensor: number): void {
  console.log(`${kernel.padEnd(34)} typed arrays ${typed.toFixed(2).padStart(7)} ms   tfjs-${tf.getBackend()} ${tensor.toFixed(2).padStart(7)} ms`);
}

async function kernels(): Promise<void> {
  await setupBackend("wasm");
  const config = resolveScenario({}, [`world.users=${USERS}`, `world.items=${ITEMS}`, "world.initialItems=1", "world.drift.gradual=on"]);
  const world = new World(config.world, loadVocabulary(config.world.topics), 10, new Stream(1));
  const { active } = world.advance();
  const n = active.length;
  const T = world.T;
  console.log(`one round: ${n} active users × ${ITEMS} items, ${T} topics`);

  const theta = new Float32Array(n * T);
  active.forEach((u, a) => theta.set(world.interest(u), a * T));
  const base = Float32Array.from(world.items.quality, (q, i) => q + config.world.popularityWeight * world.items.popularity[i]);
  const features = tf.tensor2d(world.items.features, [ITEMS, T]);
  const baseT = tf.tensor1d(base);
  let cacheBust = 0;
  const typedUtilities = time(5, () => {
    world.utilities(active.slice(cacheBust++ % 2), ITEMS);
  });
  const tfUtilities = time(5, () => {
    tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(theta, [n, T]), features, false, true), baseT)).dataSync();
  });
  line("world utilities (n × T · T × items)", typedUtilities, tfUtilities);

  const stream = new Stream("kernels");
  const scores = Float32Array.from({ length: n * ITEMS }, () => stream.next());
  const typedRank = time(5, () => normaliseRows(scores, n, ITEMS, "rank"));
  const tfRank = time(5, () => {
    // ranks without tie handling: topk gives the order, a scatter of positions gives the ranks
    const order = tf.tidy(() => tf.topk(tf.tensor2d(scores, [n, ITEMS]), ITEMS).indices).dataSync();
    const out = new Float32Array(n * ITEMS);
    for (let a = 0; a < n; a++) for (let p = 0; p < ITEMS; p++) out[a * ITEMS + order[a * ITEMS + p]] = 1 - p / (ITEMS - 1);
  });
  line("rank normalisation (per user)", typedRank, tfRank);

  const other = Float32Array.from({ length: n * ITEMS }, () => stream.next());
  const blended = new Float32Array(ITEMS);
  const typedBlend = time(10, () => {
    for (let a = 0; a < n; a++) {
      const o = a * ITEMS;
      for (let i = 0; i < ITEMS; i++) blended[i] = 0.6 * scores[o + i] + 0.4 * other[o + i];
    }
  });
  const tfBlend = time(10, () => {
    tf.tidy(() => tf.add(tf.mul(tf.tensor2d(scores, [n, ITEMS]), 0.6), tf.mul(tf.tensor2d(other, [n, ITEMS]), 0.4))).dataSync();
  });
  line("blend of two components", typedBlend, tfBlend);
  features.dispose();
  baseT.dispose();
}

export const cases: BenchCase[] = [{ name: "kernels", run: kernels }];

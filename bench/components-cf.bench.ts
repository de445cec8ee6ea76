/**
 * Per-round cost of the typed-array components (issue 3): item-cf, user-cf and content, score and observe timed
 * separately, at the `standard` size: 1,000 users, 5,000 items, 20 % active (≈ 200 users scored per round),
 * 300 rounds, k = 10, stationary world. Each component is driven through a lean loop (the world, the component's
 * own top-k slate, queries) rather than the full Simulation, so its history grows as in a real run while the
 * loop's own cost (normalisation, metrics) stays out of the way. Also times the content score's dense
 * product three ways: content's ItemDots kernel, the plain typed-array loop, and tfjs-core `matMul` on the chosen backend.
 * `npx tsx bench/components-cf.bench.ts [rounds]` runs it alone.
 */
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { setupBackend } from "../cli/backend.js";
import { loadScenario, loadVocabulary } from "../cli/files.js";
import { createHashingEncoder } from "../lib/encoders/hashing.js";
import { topN } from "../lib/metrics/ranking.js";
import { Stream } from "../lib/random/stream.js";
import type { Impression, TextEvent } from "../lib/recommenders/recommender.js";
import { createRecommender } from "../lib/recommenders/registry.js";
import { ItemDots } from "../lib/recommenders/item-dots.js";
import { rowDots } from "../lib/recommenders/row-dots.js";
import { World } from "../lib/world/world.js";
import { cpuMs, type CallTiming } from "./timing.js";

export const CF_COMPONENTS = ["item-cf", "user-cf", "content"];

export interface CfTiming extends CallTiming {
  /** Score + observe wall ms per round over the last quarter of the rounds, when histories are longest. */
  lateMs: number;
  activeUsers: number;
}

/** Runs `rounds` rounds of a standard-size stationary world served by one component alone. */
export function timeCfComponent(name: string, rounds = 300, seed = 1): CfTiming {
  const config = loadScenario("stationary", ["world.users=1000", "world.items=5000", "world.activeFraction=0.2", `run.rounds=${rounds}`, `run.seed=${seed}`]);
  const master = new Stream(config.run.seed);
  const world = new World(config.world, loadVocabulary(config.world.topics), rounds, master);
  const encoder = createHashingEncoder({ dim: config.encoder.dim });
  const component = createRecommender(name, {
    catalog: { arrival: world.items.arrival, title: world.items.title, text: world.items.text, users: world.users.count },
    stream: master.fork(`recommender/${name}`),
    options: {},
    embeddings: { dim: config.encoder.dim, vectors: encoder.encodeSync(world.items.text) },
    encodeText: encoder.encodeSync,
  });
  const consumed = Array.from({ length: world.users.count }, () => new Set<number>());
  const late = Math.floor((rounds * 3) / 4);
  let score = 0;
  let observe = 0;
  let scoreCpu = 0;
  let observeCpu = 0;
  let lateMs = 0;
  let active = 0;
  for (let r = 0; r < rounds; r++) {
    const state = world.advance();
    const c0 = cpuMs();
    const t0 = performance.now();
    const scores = component.score({ round: state.round, users: state.active, items: state.items });
    const t1 = performance.now();
    const c1 = cpuMs();
    const impressions: Impression[] = [];
    const texts: TextEvent[] = world.queries().map(({ user, round, kind, text }) => ({ user, round, kind, text }));
    state.active.forEach((u, a) => {
      const slate = topN(scores.subarray(a * state.items, (a + 1) * state.items), config.recommender.k, consumed[u]);
      for (const o of world.respond(u, slate).outcomes) {
        impressions.push({ user: u, item: o.item, round: state.round, position: o.position, clicked: o.clicked, purchased: o.purchased, reward: o.purchased ? 2 : o.clicked ? 1 : -1 });
        if (o.clicked) consumed[u].add(o.item);
      }
    });
    const c2 = cpuMs();
    const t2 = performance.now();
    component.observe({ round: state.round, impressions, texts });
    const t3 = performance.now();
    const c3 = cpuMs();
    score += t1 - t0;
    observe += t3 - t2;
    scoreCpu += c1 - c0;
    observeCpu += c3 - c2;
    if (r >= late) lateMs += t1 - t0 + (t3 - t2);
    active += state.active.length;
  }
  component.dispose();
  return {
    name,
    rounds,
    scoreMs: score / rounds,
    observeMs: observe / rounds,
    scoreCpuMs: scoreCpu / rounds,
    observeCpuMs: observeCpu / rounds,
    lateMs: lateMs / (rounds - late),
    activeUsers: active / rounds,
  };
}

/**
 * Wall and CPU ms per call of users × items × dim scores: content's kernel (ItemDots: WebAssembly SIMD where the
 * engine has it), the plain typed-array loop it falls back to, and tfjs-core matMul on the current backend.
 */
export function timeDenseScores(users = 200, items = 5000, dim = 64, repeats = 10) {
  const stream = new Stream("bench/dense");
  const a = Float32Array.from({ length: users * dim }, () => stream.normal());
  const b = Float32Array.from({ length: items * dim }, () => stream.normal());
  const time = (f: () => unknown) => {
    f();
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let r = 0; r < repeats; r++) f();
    return { wall: (performance.now() - t0) / repeats, cpu: (cpuMs() - c0) / repeats };
  };
  const itemDots = new ItemDots(b, items, dim);
  const simd = time(() => itemDots.dots(a, users, items));
  const kernel = time(() => rowDots(a, users, b, items, dim));
  const bt = tf.tensor2d(b, [items, dim]);
  // Returning the typed array from inside tf.tidy makes tidy walk its million elements looking for tensors (~25× slower).
  const matMul = time(() => {
    const product = tf.tidy(() => tf.matMul(tf.tensor2d(a, [users, dim]), bt, false, true));
    product.dataSync();
    product.dispose();
  });
  bt.dispose();
  return { simd, kernel, matMul };
}

export async function run(rounds = 300): Promise<void> {
  console.log(`Typed-array components at standard size (1,000 users × 5,000 items, 20 % active, k = 10, ${rounds} rounds)`);
  for (const name of CF_COMPONENTS) {
    const t = timeCfComponent(name, rounds);
    const ms = (wall: number, cpu: number) => `${wall.toFixed(1).padStart(6)} ms/round (cpu ${cpu.toFixed(1)})`;
    console.log(
      `${t.name.padEnd(8)} score ${ms(t.scoreMs, t.scoreCpuMs)}  observe ${ms(t.observeMs, t.observeCpuMs)}  ` +
        `last quarter ${t.lateMs.toFixed(1)} ms/round, ${Math.round(t.activeUsers)} users scored/round`,
    );
  }
  const backend = await setupBackend();
  const d = timeDenseScores();
  console.log(
    `content's dense part (200 × 5,000 × 64): ItemDots ${d.simd.wall.toFixed(1)} ms (cpu ${d.simd.cpu.toFixed(1)}), ` +
      `typed-array loop ${d.kernel.wall.toFixed(1)} ms (cpu ${d.kernel.cpu.toFixed(1)}), ` +
      `tfjs-core matMul on ${backend} ${d.matMul.wall.toFixed(1)} ms (cpu ${d.matMul.cpu.toFixed(1)})`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run(Number(process.argv[2] ?? 300));

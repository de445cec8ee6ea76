import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { createHashingEncoder } from "../lib/encoders/hashing.js";
import { topN } from "../lib/metrics/ranking.js";
import { Stream } from "../lib/random/stream.js";
import { createContent } from "../lib/recommenders/content.js";
import { dotsModule } from "../lib/recommenders/dots-wasm.js";
import { ItemDots } from "../lib/recommenders/item-dots.js";
import { rankPercentile } from "../lib/recommenders/normalise.js";
import type { RoundEvents, ScoreRequest } from "../lib/recommenders/recommender.js";
import { rowDots } from "../lib/recommenders/row-dots.js";
import { ConfigError } from "../lib/config/error.js";
import type { ProfileOptions } from "../lib/weighting/config.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { meanInterval } from "../lib/stats/mean-interval.js";
import { pairedDifference } from "../lib/stats/paired.js";
import { builtin, vocabulary } from "./support/scenario.js";
import { events, secondHalfNdcg, shown, SMALL_STATIONARY, unitContext } from "./support/recommender.js";

const DIM = 4;
/** Item i's embedding is the unit vector e_(i mod 4). */
const axes = (items: number) => {
  const vectors = new Float32Array(items * DIM);
  for (let i = 0; i < items; i++) vectors[i * DIM + (i % DIM)] = 1;
  return { dim: DIM, vectors };
};
const content = (options: Record<string, unknown> = {}, encodeText?: (texts: string[]) => Float32Array, profile?: ProfileOptions) =>
  createContent(unitContext(4, 3, options, { embeddings: axes(4), encodeText, profile }));
const score = (r: ReturnType<typeof createContent>, users: number[], items = 4) =>
  Array.from(r.score({ round: 1, users: Int32Array.from(users), items }));

describe("rowDots", () => {
  it("is a × bᵀ for any number of rows (blocks of four and the rest)", () => {
    const a = Float32Array.from({ length: 7 * 3 }, (_, j) => (j % 5) - 2);
    const b = Float32Array.from({ length: 5 * 3 }, (_, j) => (j % 3) + 0.5);
    const out = rowDots(a, 7, b, 5, 3);
    for (let r = 0; r < 7; r++) {
      for (let i = 0; i < 5; i++) {
        let s = 0;
        for (let j = 0; j < 3; j++) s += a[r * 3 + j] * b[i * 3 + j];
        expect(out[r * 5 + i]).toBe(Math.fround(s));
      }
    }
  });

  it("rounds every sum exactly as the plain loop does (float64, j in order), for every block shape", () => {
    const s = new Stream("row-dots");
    for (const [na, nb, dim] of [[1, 1, 1], [4, 2, 64], [5, 3, 64], [9, 7, 33], [12, 11, 70], [3, 8, 5]]) {
      const a = Float32Array.from({ length: na * dim }, () => s.normal() * 10 ** s.int(4));
      const b = Float32Array.from({ length: nb * dim }, () => s.normal() / 10 ** s.int(4));
      const out = rowDots(a, na, b, nb, dim);
      for (let r = 0; r < na; r++) {
        for (let i = 0; i < nb; i++) {
          let sum = 0;
          for (let j = 0; j < dim; j++) sum += a[r * dim + j] * b[i * dim + j];
          expect(out[r * nb + i], `${na}×${nb}×${dim} [${r}, ${i}]`).toBe(Math.fround(sum));
        }
      }
    }
  });
});

describe("ItemDots", () => {
  it("has the WebAssembly SIMD kernel in Node", () => {
    expect(dotsModule()).toBeInstanceOf(WebAssembly.Module);
  });

  it("gives rowDots' values bit for bit: padded rows and items, fewer items than loaded, and after load", () => {
    const s = new Stream("item-dots");
    for (const [na, count, nb, dim] of [[1, 1, 1, 1], [5, 9, 7, 3], [4, 8, 8, 64], [13, 41, 38, 64], [6, 10, 5, 33], [0, 4, 4, 8]]) {
      const a = Float32Array.from({ length: na * dim }, () => s.normal() * 10 ** s.int(4));
      const items = Float32Array.from({ length: count * dim }, () => s.normal() / 10 ** s.int(4));
      const kernel = new ItemDots(items, count, dim);
      const same = (out: Float32Array, b: Float32Array) => {
        const expected = rowDots(a, na, b, nb, dim);
        expect(out.length).toBe(expected.length);
        out.forEach((v, k) => expect(v, `${na}×${nb}×${dim} [${k}]`).toBe(expected[k]));
      };
      same(kernel.dots(a, na, nb), items);
      same(kernel.dots(a, na, nb), items);
      const moved = items.map((v) => v * -3);
      kernel.load(moved);
      same(kernel.dots(a, na, nb), moved);
    }
  });
});

describe("content", () => {
  it("gives a user with no profile the same score for every item", () => {
    expect(score(content(), [0, 1])).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("moves the profile toward a clicked item: p = α·r·e_i, cosine 1 with it", () => {
    const r = content();
    r.observe(events(0, [shown(0, 2, 0)]));
    expect(score(r, [0, 1])).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it("moves the profile away from a skipped item by p ← p + α_skip·(r·e_i − p)", () => {
    const r = content({ skipAlpha: 0.01 }, undefined, { rule: "ema", alpha: 0.1, beta: 0 });
    r.observe(events(0, [shown(0, 0, 0, "click"), shown(0, 1, 0, "skip", 1)]));
    // p = 0.1·e0, then p + 0.01·(−e1 − p) = 0.099·e0 − 0.01·e1
    const norm = Math.hypot(0.099, 0.01);
    const row = score(r, [0]);
    expect(row[0]).toBeCloseTo(0.099 / norm, 6);
    expect(row[1]).toBeCloseTo(-0.01 / norm, 6);
    expect(row[2]).toBe(0);
  });

  it("weighs a purchase by its reward: r = 2 pulls twice as hard as a click", () => {
    const r = content({}, undefined, { rule: "ema", alpha: 0.5, beta: 0 });
    r.observe(events(0, [shown(0, 0, 0, "click"), shown(0, 1, 0, "purchase", 1)]));
    // p = 0.5·e0; then p + 0.5·(2·e1 − p) = 0.25·e0 + e1
    const row = score(r, [0]);
    expect(row[1] / row[0]).toBeCloseTo(4, 6);
  });

  it("moves the profile toward the text of a query", () => {
    const encode = (texts: string[]) => {
      const out = new Float32Array(texts.length * DIM);
      texts.forEach((t, k) => (out[k * DIM + Number(t)] = 1));
      return out;
    };
    const r = content({ queryAlpha: 0.2 }, encode);
    r.observe(events(0, [shown(0, 0, 0)], [{ user: 0, round: 0, kind: "query", text: "3" }]));
    // query first (p = 0.2·e3), then the click: p + 0.1·(e0 − p) = 0.1·e0 + 0.18·e3
    const row = score(r, [0]);
    expect(row[3] / row[0]).toBeCloseTo(1.8, 6);
    const silent = content({ queryAlpha: 0 }, encode);
    silent.observe(events(0, [], [{ user: 0, round: 0, kind: "query", text: "3" }]));
    expect(score(silent, [0])).toEqual([0, 0, 0, 0]);
  });

  it("ranks first, with the hashing encoder, the item whose text matches the query, though nobody clicked it", () => {
    const encoder = createHashingEncoder();
    const text = ["jazz piano trio live", "football league results", "vegan baking recipes", "mountain hiking trails"];
    const context = unitContext(4, 1, {}, { embeddings: { dim: encoder.dim, vectors: encoder.encodeSync(text) }, encodeText: encoder.encodeSync });
    const r = createContent(context);
    r.observe(events(0, [], [{ user: 0, round: 0, kind: "query", text: "vegan baking" }]));
    const row = score(r, [0]);
    expect(row.indexOf(Math.max(...row))).toBe(2);
  });

  it("scores only the items present, and needs embeddings", () => {
    const r = content();
    r.observe(events(0, [shown(0, 1, 0)]));
    expect(score(r, [0], 2)).toEqual([0, 1]);
    expect(() => createContent(unitContext(4, 1))).toThrow(/needs item embeddings/);
    expect(() => content({ skipAlpha: -1 })).toThrow(ConfigError);
    expect(() => content({ skipAlpha: -1 })).toThrow(/^recommender\.options\.content\.skipAlpha: -1 is out of range \(allowed: 0 to 1\)$/);
    // the rate for clicks is the profile's own, policy.profile.alpha
    expect(() => content({ alpha: 0.2 })).toThrow(/recommender\.options\.content\.alpha: the profile's rate for clicked items is policy\.profile\.alpha/);
  });

  it("beats random by a clear margin on NDCG@10 in the second half of a small stationary run, deterministically", () => {
    const random = secondHalfNdcg("random");
    const contentNdcg = secondHalfNdcg("content");
    expect(contentNdcg).toBeGreaterThan(1.5 * random);
    expect(secondHalfNdcg("content")).toBe(contentNdcg);
  });

  it("beats popularity on relevant items that arrived in the last 10 rounds (cold start): paired over five seeds", () => {
    const seeds = [1, 2, 3, 4, 5];
    const fresh = seeds.map((seed) => recentRelevantPercentile("content", seed));
    const popular = seeds.map((seed) => recentRelevantPercentile("popularity", seed));
    for (const r of [...fresh, ...popular]) expect(r.pairs).toBeGreaterThan(150);
    // When written: content 0.622, 0.574, 0.537, 0.555, 0.592 (seeds 1–5), popularity 0.46–0.49. The old test asked
    // for more than 0.54 on seeds 1 and 2; seed 3 gives 0.537, so the claim that holds over five seeds is "above a
    // random ranking (0.5)", with the 95 % interval (lower bound 0.535).
    expect(meanInterval(fresh.map((r) => r.mean)).lo).toBeGreaterThan(0.5);
    const d = pairedDifference(
      fresh.map((r) => r.mean),
      popular.map((r) => r.mean),
    );
    // content − popularity: +0.106 [+0.057, +0.155] when written
    expect(d.lo).toBeGreaterThan(0.05);
  });
});

/**
 * Cold start, measured in the small stationary run served by `component` alone: over the second half, for each
 * active user and each of the user's relevant items (top relevantN by true utility among unconsumed items, as
 * the loop's NDCG defines them) that arrived in the last 10 rounds, the rank percentile of the component's raw
 * score for it among all present items (1 = ranked first, ties share their mean rank, random ≈ 0.5). Returns the
 * mean over those (user, item) pairs and their number.
 */
function recentRelevantPercentile(component: string, seed: number): { mean: number; pairs: number } {
  const config = builtin("stationary", [...SMALL_STATIONARY, `recommender.components=${component}`, "policy.kind=static", `run.seed=${seed}`]);
  const simulation = new Simulation(config, vocabulary(config));
  const { world } = simulation;
  const recommender = simulation.components[0];
  const consumed = Array.from({ length: world.users.count }, () => new Set<number>());
  const score = recommender.score.bind(recommender);
  const observe = recommender.observe.bind(recommender);
  let sum = 0;
  let pairs = 0;
  Object.assign(recommender, {
    score(request: ScoreRequest) {
      const raw = score(request);
      const { round, users, items } = request;
      if (round < config.run.rounds / 2) return raw;
      const truth = world.utilities(users, items);
      const percentile = new Float32Array(items);
      users.forEach((u, a) => {
        rankPercentile(raw.subarray(a * items, (a + 1) * items), percentile);
        for (const i of topN(truth.subarray(a * items, (a + 1) * items), config.world.relevantN, consumed[u])) {
          if (world.items.arrival[i] > round - 10) {
            sum += percentile[i];
            pairs++;
          }
        }
      });
      return raw;
    },
    observe(e: RoundEvents) {
      for (const i of e.impressions) if (i.clicked) consumed[i.user].add(i.item);
      observe(e);
    },
  });
  while (!simulation.done) simulation.step();
  simulation.dispose();
  return { mean: sum / pairs, pairs };
}

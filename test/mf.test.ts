import "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { createMf } from "../lib/recommenders/mf.js";
import type { Impression } from "../lib/recommenders/recommender.js";
import { ConfigError } from "../lib/config/error.js";
import { runScenario } from "../lib/simulation/run.js";
import { events, secondHalfNdcg, shown, SMALL_STATIONARY, unitContext } from "./support/recommender.js";
import { builtin, vocabulary } from "./support/scenario.js";

/** Rounds where user u clicks items ≡ u (mod 3) and skips the others: a structure MF can learn. */
function rounds(count: number, users: number, items: number): Impression[][] {
  const s = new Stream("mf-test");
  return Array.from({ length: count }, (_, round) =>
    Array.from({ length: users }, (_, u) =>
      Array.from({ length: 6 }, (_, p) => {
        const item = s.int(items);
        return shown(u, item, round, item % 3 === u % 3 ? "click" : "skip", p);
      }),
    ).flat(),
  );
}

function trained(seed: string, n = 8) {
  const mf = createMf({ ...unitContext(60, 12), stream: new Stream(seed) });
  const users = Int32Array.from({ length: 12 }, (_, u) => u);
  mf.score({ round: 0, users, items: 60 });
  rounds(n, 12, 60).forEach((impressions, round) => mf.observe(events(round, impressions)));
  const scores = mf.score({ round: n, users, items: 60 });
  return { mf, scores };
}

describe("mf", () => {
  it("is deterministic: the same seed gives identical scores, another seed different ones", () => {
    const a = trained("s1");
    const b = trained("s1");
    const c = trained("s2");
    expect(a.scores).toEqual(b.scores);
    expect(a.scores).not.toEqual(c.scores);
    for (const r of [a, b, c]) r.mf.dispose();
  });

  it("learns the planted structure: each user's own residue class scores above the others", () => {
    const { mf, scores } = trained("s1", 30);
    let above = 0;
    for (let u = 0; u < 12; u++) {
      const row = scores.subarray(u * 60, (u + 1) * 60);
      const mean = (r: number) => row.filter((_, i) => i % 3 === r).reduce((s, v) => s + v, 0) / 20;
      if ([0, 1, 2].every((r) => r === u % 3 || mean(u % 3) > mean(r))) above++;
    }
    expect(above).toBe(12);
    mf.dispose();
  });

  it("returns users × items scores, and a new item starts at the mean item bias", () => {
    const context = unitContext(40, 5);
    context.catalog.arrival.fill(3, 30);
    const mf = createMf({ ...context, options: { initSd: 0 } });
    const users = Int32Array.from([0, 4]);
    expect(mf.score({ round: 0, users, items: 30 })).toHaveLength(60);
    for (let round = 0; round < 3; round++) mf.observe(events(round, [shown(0, 1, round, "click"), shown(0, 2, round, "skip", 1), shown(1, 3, round, "skip", 2)]));
    const scores = mf.score({ round: 3, users, items: 40 });
    const row = Array.from(scores.subarray(0, 40));
    const mean = row.slice(0, 30).reduce((s, v) => s + v, 0) / 30;
    for (let i = 30; i < 40; i++) expect(row[i]).toBeCloseTo(mean, 5);
    expect(row[1]).toBeGreaterThan(mean);
    expect(row[2]).toBeLessThan(mean);
    mf.dispose();
  });

  it("dispose frees every tensor and variable it made", () => {
    const before = tf.memory().numTensors;
    const { mf } = trained("s1", 3);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    mf.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects unknown options and out-of-range values, naming the field", () => {
    expect(() => createMf(unitContext(10, 2, { rank: 8 }))).toThrow(ConfigError);
    expect(() => createMf(unitContext(10, 2, { rank: 8 }))).toThrow(/recommender\.options\.mf\.rank: unknown option \(allowed: dim, lr/);
    expect(() => createMf(unitContext(10, 2, { dim: 0 }))).toThrow(/^recommender\.options\.mf\.dim: 0 is out of range \(allowed: 1 to 512\)$/);
  });

  it("training loss falls over the rounds of a run", () => {
    const config = builtin("stationary", [...SMALL_STATIONARY, "recommender.components=mf", "policy.kind=static"]);
    const loss = runScenario(config, vocabulary(config)).records.map((r) => r.diagnostics["mf.loss"]);
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    const early = mean(loss.slice(0, 5));
    const late = mean(loss.slice(-10));
    expect(early).toBeGreaterThan(0.65);
    expect(late).toBeLessThan(early - 0.1);
  });

  it("alone beats random on second-half NDCG@10 in the stationary world by a clear margin", () => {
    const mf = secondHalfNdcg("mf");
    const random = secondHalfNdcg("random");
    expect(mf).toBeGreaterThan(3 * random);
    expect(mf - random).toBeGreaterThan(0.1);
  });
});

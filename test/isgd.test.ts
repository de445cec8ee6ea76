import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { createIsgd, type IsgdSettings } from "../lib/recommenders/isgd.js";
import { createMf } from "../lib/recommenders/mf.js";
import type { Impression } from "../lib/recommenders/recommender.js";

const click = (user: number, item: number, round: number): Impression => ({ user, item, round, position: 0, clicked: true, purchased: false, reward: 1 });
const settings = (o: Partial<IsgdSettings> = {}): IsgdSettings => ({ dim: 1, lr: 0.1, l2: 0, negatives: 0, loss: "pointwise", initSd: 0.5, ...o });

describe("mf, solver isgd (incremental SGD on positive-only feedback)", () => {
  it("one pointwise step moves p·q by the ISGD rule (dim 1, computed by hand from the initial vectors)", () => {
    // with dim 1, p and q are numbers: score(u, i) = p·q, and the step is p' = p + η(e·q − λp), q' = q + η(e·p − λq), e = 1 − p·q
    const mf = createIsgd(2, 3, settings({ l2: 0.01 }), new Stream(7));
    const before = mf.score({ round: 0, users: Int32Array.of(0, 1), items: 3 });
    const init = new Stream(7);
    // drawn as the component draws them, stored in float32
    const p = [init.normal(0, 0.5), init.normal(0, 0.5)].map(Math.fround);
    const q = [init.normal(0, 0.5), init.normal(0, 0.5), init.normal(0, 0.5)].map(Math.fround);
    expect(Array.from(before)).toEqual(Array.from(Float32Array.from([p[0] * q[0], p[0] * q[1], p[0] * q[2], p[1] * q[0], p[1] * q[1], p[1] * q[2]])));
    mf.observe({ round: 0, impressions: [click(0, 1, 0)], texts: [] });
    const P = p[0];
    const Q = q[1];
    const e = 1 - P * Q;
    const p1 = Math.fround(P + 0.1 * (e * Q - 0.01 * P));
    const q1 = Math.fround(Q + 0.1 * (e * P - 0.01 * Q));
    const after = mf.score({ round: 1, users: Int32Array.of(0), items: 3 });
    expect(after[1]).toBeCloseTo(p1 * q1, 6);
    expect(after[0]).toBeCloseTo(p1 * q[0], 6);
  });

  it("repeated positives drive p·q toward 1 (the ISGD target); sampled negatives keep other items below", () => {
    const mf = createIsgd(3, 50, settings({ dim: 8, lr: 0.1, l2: 0.001, negatives: 4, initSd: 0.1 }), new Stream(3));
    mf.score({ round: 0, users: Int32Array.of(0), items: 50 });
    for (let t = 0; t < 200; t++) mf.observe({ round: t, impressions: [click(0, 7, t), click(1, 7, t)], texts: [] });
    const s = mf.score({ round: 200, users: Int32Array.of(0), items: 50 });
    expect(s[7]).toBeGreaterThan(0.8);
    expect(s[7]).toBeLessThan(1.1);
    const others = Array.from(s).filter((_, i) => i !== 7);
    expect(Math.max(...others)).toBeLessThan(0.5);
  });

  it("bpr ranks the clicked items above the rest for their users, and is deterministic under the seed", () => {
    const run = (seed: number) => {
      const mf = createIsgd(4, 40, settings({ dim: 8, lr: 0.1, l2: 0.001, negatives: 4, loss: "bpr", initSd: 0.1 }), new Stream(seed));
      mf.score({ round: 0, users: Int32Array.of(0, 1, 2, 3), items: 40 });
      for (let t = 0; t < 150; t++) mf.observe({ round: t, impressions: [0, 1, 2, 3].map((u) => click(u, u < 2 ? 3 : 30, t)), texts: [] });
      return mf.score({ round: 150, users: Int32Array.of(0, 1, 2, 3), items: 40 });
    };
    const s = run(5);
    for (const [u, liked] of [[0, 3], [1, 3], [2, 30], [3, 30]]) {
      const row = Array.from(s.subarray(u * 40, (u + 1) * 40));
      expect(row.indexOf(Math.max(...row))).toBe(liked);
    }
    expect(Array.from(run(5))).toEqual(Array.from(s));
    expect(Array.from(run(6))).not.toEqual(Array.from(s));
  });

  it("is what mf gives with solver isgd or isgd-bpr (the replay's default), reading dim, lr, l2, randomNegatives and initSd", () => {
    const catalog = { arrival: new Int32Array(20), title: [], text: [], users: 3 };
    const viaMf = createMf({ catalog, stream: new Stream(9), options: { solver: "isgd", dim: 4, lr: 0.2, l2: 0.01, randomNegatives: 2, initSd: 0.1 } });
    const direct = createIsgd(3, 20, { dim: 4, lr: 0.2, l2: 0.01, negatives: 2, loss: "pointwise", initSd: 0.1 }, new Stream(9));
    for (const m of [viaMf, direct]) {
      m.score({ round: 0, users: Int32Array.of(0), items: 20 });
      for (let t = 0; t < 10; t++) m.observe({ round: t, impressions: [click(t % 3, t % 20, t)], texts: [] });
    }
    const users = Int32Array.of(0, 1, 2);
    expect(Array.from(viaMf.score({ round: 10, users, items: 20 }))).toEqual(Array.from(direct.score({ round: 10, users, items: 20 })));
  });
});

import { describe, expect, it } from "vitest";
import { RecentPositives } from "../lib/recommenders/recent-positives.js";
import { createUserCf } from "../lib/recommenders/user-cf.js";
import { ConfigError } from "../lib/config/error.js";
import { Stream } from "../lib/random/stream.js";
import { events, secondHalfNdcg, shown, unitContext } from "./support/recommender.js";

const score = (r: ReturnType<typeof createUserCf>, users: number[], items: number, round: number) =>
  Array.from(r.score({ round, users: Int32Array.from(users), items }));

describe("RecentPositives", () => {
  it("keeps the last `capacity` positives, an item once, and drops those `window` rounds old", () => {
    const recent = new RecentPositives(3, 10, 0.5);
    for (const [item, round] of [[1, 0], [2, 1], [3, 2], [1, 3], [4, 4]]) recent.add(0, { item, round, strength: 1 });
    expect(recent.of(0).map((p) => p.item)).toEqual([3, 1, 4]);
    expect(recent.expire(0, 12).map((p) => p.item)).toEqual([3]);
    expect(recent.of(0).map((p) => p.item)).toEqual([1, 4]);
    expect(recent.weight({ item: 1, round: 3, strength: 2 }, 6)).toBe(2 * 0.5 ** 3);
  });
});

describe("user-cf", () => {
  it("scores an item by Σ over neighbours of cosine(u, v) · v's recency weight on it", () => {
    const r = createUserCf(unitContext(6, 3, { shrinkage: 0, decay: 0.5 }));
    r.observe(events(0, [shown(0, 1, 0), shown(0, 2, 0), shown(1, 1, 0), shown(1, 2, 0), shown(1, 3, 0)]));
    const row = score(r, [0], 6, 1);
    // u = {1, 2}, v = {1, 2, 3}, all weights 0.5: cos = 2 / (√2·√3), v's weight on item 3 is 0.5
    expect(row[3]).toBeCloseTo((2 / Math.sqrt(6)) * 0.5, 6);
    expect(row[4]).toBe(0);
    expect(row[5]).toBe(0);
  });

  it("recommends what the most similar user consumed; with N = 1 only that neighbour counts", () => {
    const r = createUserCf(unitContext(10, 3, { neighbours: 1, shrinkage: 0 }));
    r.observe(
      events(0, [
        ...[0, 1, 2].map((i) => shown(0, i, 0)),
        ...[0, 1, 2, 5].map((i) => shown(1, i, 0)),
        ...[0, 7, 8, 9].map((i) => shown(2, i, 0)),
      ]),
    );
    const row = score(r, [0], 10, 1);
    expect(row[5]).toBeGreaterThan(0);
    expect([row[7], row[8], row[9]]).toEqual([0, 0, 0]);
    const wide = createUserCf(unitContext(10, 3, { neighbours: 2, shrinkage: 0 }));
    wide.observe(events(0, [...[0, 1, 2].map((i) => shown(0, i, 0)), ...[0, 1, 2, 5].map((i) => shown(1, i, 0)), ...[0, 7, 8, 9].map((i) => shown(2, i, 0))]));
    const both = score(wide, [0], 10, 1);
    expect(both[7]).toBeGreaterThan(0);
    expect(both[5]).toBeGreaterThan(both[7]);
  });

  it("gives a user with no history, and everyone once history leaves the window, a constant row", () => {
    const r = createUserCf(unitContext(4, 3, { window: 3 }));
    r.observe(events(0, [shown(0, 0, 0), shown(0, 1, 0), shown(1, 0, 0)]));
    expect(score(r, [2], 4, 1)).toEqual([0, 0, 0, 0]);
    expect(score(r, [1], 4, 1)[1]).toBeGreaterThan(0);
    r.observe(events(3, [shown(2, 3, 3)]));
    expect(score(r, [1], 4, 4)).toEqual([0, 0, 0, 0]);
  });

  it("links users only through their current histories: a positive pushed out stops linking, a repeat links with its new weight", () => {
    const r = createUserCf(unitContext(10, 3, { history: 2, shrinkage: 0, decay: 0.5 }));
    r.observe(events(0, [shown(0, 0, 0), shown(0, 1, 0), shown(1, 0, 0), shown(1, 5, 0), shown(2, 1, 0), shown(2, 6, 0)]));
    const before = score(r, [0], 10, 1);
    expect(before[5]).toBeGreaterThan(0);
    expect(before[6]).toBeGreaterThan(0);
    // user 1's items 0 and 5 are pushed out by 7 and 8; user 2 clicks item 1 again
    r.observe(events(1, [shown(1, 7, 1), shown(1, 8, 1), shown(2, 1, 1)]));
    const after = score(r, [0], 10, 2);
    expect(after[5]).toBe(0);
    expect([after[7], after[8]]).toEqual([0, 0]);
    // u0 = {0: 0.25, 1: 0.25}, u2 = {1: 0.5, 6: 0.25}: cos = 0.125 / (√0.125·√0.3125), u2's weight on 6 is 0.25
    expect(after[6]).toBeCloseTo((0.125 / Math.sqrt(0.125 * 0.3125)) * 0.25, 6);
  });

  it("is bit for bit the definition with exact norms at every round, over a long stream with ties and purchases", () => {
    // The component ranks candidate neighbours found with norms decayed as a whole; this recomputes everything from
    // the definition: exact cosines over every user, the N best by (cosine, lower id), their weights summed in float32.
    const users = 60;
    const items = 12;
    const o = { neighbours: 4, history: 5, window: 40, decay: 0.9, shrinkage: 0.5 };
    const r = createUserCf(unitContext(items, users, o));
    const recent = new RecentPositives(o.history, o.window, o.decay);
    const s = new Stream("user-cf-definition");
    let checked = 0;
    for (let round = 0; round < 300; round++) {
      const asked = Int32Array.from({ length: 5 }, () => s.int(users));
      const got = r.score({ round, users: asked, items });
      asked.forEach((u, a) => {
        const weight = (v: number, item: number) => {
          const p = recent.of(v).find((q) => q.item === item);
          return p ? recent.weight(p, round) : 0;
        };
        const norm = (v: number) => Math.sqrt(recent.of(v).reduce((sum, p) => sum + recent.weight(p, round) ** 2, 0));
        const candidates: { v: number; sim: number }[] = [];
        for (let v = 0; v < users; v++) {
          if (v === u || recent.of(u).length === 0) continue;
          let dot = 0;
          let shared = false;
          for (const p of recent.of(u)) {
            const w = weight(v, p.item);
            if (recent.of(v).some((q) => q.item === p.item)) shared = true;
            dot += recent.weight(p, round) * w;
          }
          if (shared) candidates.push({ v, sim: dot / (norm(u) * norm(v) + o.shrinkage) });
        }
        candidates.sort((x, y) => y.sim - x.sim || x.v - y.v);
        const expected = new Float32Array(items);
        for (const { v, sim } of candidates.slice(0, o.neighbours)) for (const q of recent.of(v)) expected[q.item] += sim * recent.weight(q, round);
        expect(Array.from(got.subarray(a * items, (a + 1) * items)), `round ${round}, user ${u}`).toEqual(Array.from(expected));
        checked++;
      });
      const impressions = Array.from({ length: 12 }, () => shown(s.int(users), s.int(items), round, s.next() < 0.3 ? "purchase" : s.next() < 0.8 ? "click" : "skip"));
      r.observe(events(round, impressions));
      for (const e of impressions) {
        recent.expire(e.user, round);
        if (e.clicked) recent.add(e.user, { item: e.item, round, strength: e.purchased ? 2 : 1 });
      }
      for (let v = 0; v < users; v++) recent.expire(v, round);
    }
    expect(checked).toBe(1500);
  });

  it("rejects unknown and out-of-range options naming the field", () => {
    expect(() => createUserCf(unitContext(4, 2, { k: 5 }))).toThrow(ConfigError);
    expect(() => createUserCf(unitContext(4, 2, { neighbours: 0 }))).toThrow(/^recommender\.options\.user-cf\.neighbours: 0 is out of range \(allowed: 1 to 1000000\)$/);
  });

  it("beats random by a clear margin on NDCG@10 in the second half of a small stationary run, deterministically", () => {
    const random = secondHalfNdcg("random");
    const userCf = secondHalfNdcg("user-cf");
    expect(userCf).toBeGreaterThan(1.5 * random);
    expect(secondHalfNdcg("user-cf")).toBe(userCf);
  });
});

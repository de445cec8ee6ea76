import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { createItemCf, DEFAULT_ITEM_CF_OPTIONS } from "../lib/recommenders/item-cf.js";
import { ItemNeighbours } from "../lib/recommenders/item-neighbours.js";
import { ConfigError } from "../lib/config/error.js";
import { events, secondHalfNdcg, shown, unitContext } from "./support/recommender.js";

const score = (r: ReturnType<typeof createItemCf>, users: number[], items: number, round: number) =>
  Array.from(r.score({ round, users: Int32Array.from(users), items }));

describe("ItemNeighbours", () => {
  it("is the cosine of the items' user vectors, C_ij / √(N_i·N_j)", () => {
    const s = new ItemNeighbours(3, 10);
    s.addPositive(0, 1);
    s.addPositive(0, 1);
    s.addPositive(1, 1);
    s.addPair(0, 1, 1);
    expect(s.similarity(0, 1)).toBeCloseTo(1 / Math.sqrt(2), 12);
    expect(s.similarity(1, 0)).toBeCloseTo(1 / Math.sqrt(2), 12);
    expect(s.similarity(0, 2)).toBe(0);
  });

  it("with asymmetry 1 is P(j | i), C_ij / N_i, and shrinkage adds to the denominator", () => {
    const s = new ItemNeighbours(2, 10, 0, 1);
    s.addPositive(0, 1);
    s.addPositive(0, 1);
    s.addPositive(0, 1);
    s.addPositive(1, 1);
    s.addPair(0, 1, 1);
    expect(s.similarity(0, 1)).toBeCloseTo(1 / 3, 12);
    expect(s.similarity(1, 0)).toBeCloseTo(1, 12);
    const shrunk = new ItemNeighbours(2, 10, 2);
    shrunk.addPositive(0, 1);
    shrunk.addPositive(1, 1);
    shrunk.addPair(0, 1, 1);
    expect(shrunk.similarity(0, 1)).toBeCloseTo(1 / 3, 12);
  });

  it("keeps at most M neighbours per item and at most 2M stored co-counts, whatever the stream of pairs", () => {
    const items = 300;
    const m = 7;
    const s = new ItemNeighbours(items, m);
    const stream = new Stream("pairs");
    for (let t = 0; t < 20_000; t++) {
      const i = stream.int(items);
      const j = stream.int(items);
      s.addPositive(i, 1);
      s.addPair(i, j, 1);
    }
    let longest = 0;
    for (let i = 0; i < items; i++) {
      const { length, sims } = s.neighbours(i);
      longest = Math.max(longest, length);
      for (let k = 1; k < length; k++) expect(sims[k]).toBeLessThanOrEqual(sims[k - 1]);
    }
    expect(longest).toBe(m);
    expect(s.size()).toBeLessThanOrEqual(items * 2 * m);
  });
});

describe("item-cf", () => {
  it("makes two items that are always clicked together each other's top neighbour", () => {
    const r = createItemCf(unitContext(20, 42));
    const stream = new Stream("co-clicks");
    for (let round = 0; round < 10; round++) {
      const impressions = [];
      for (let u = 0; u < 4; u++) {
        const user = round * 4 + u;
        impressions.push(shown(user, 3, round), shown(user, 7, round), shown(user, 10 + stream.int(10), round));
      }
      r.observe(events(round, impressions));
    }
    r.observe(events(10, [shown(40, 3, 10), shown(41, 7, 10)]));
    const [of3, of7] = [score(r, [40], 20, 11), score(r, [41], 20, 11)];
    const bestOther = (row: number[], self: number) => row.reduce((b, v, i) => (i !== self && v > row[b] ? i : b), self === 0 ? 1 : 0);
    expect(bestOther(of3, 3)).toBe(7);
    expect(bestOther(of7, 7)).toBe(3);
  });

  it("scores Σ over recent positives of strength · decay^age · similarity, recent history weighing more", () => {
    const r = createItemCf(unitContext(6, 4, { shrinkage: 0, asymmetry: 0.5, decay: 0.5 }));
    r.observe(events(0, [shown(0, 0, 0), shown(0, 1, 0), shown(1, 2, 0), shown(1, 3, 0)]));
    // user 2 clicked item 0 at round 1 and item 2 at round 3: at round 4 item 2's neighbour outranks item 0's
    r.observe(events(1, [shown(2, 0, 1)]));
    r.observe(events(3, [shown(2, 2, 3)]));
    const row = score(r, [2], 6, 4);
    // sim(0,1): C = 1, N_0 = 2 (users 0 and 2), N_1 = 1 → 1/√2; sim(2,3) likewise
    expect(row[1]).toBeCloseTo(0.5 ** 3 / Math.sqrt(2), 6);
    expect(row[3]).toBeCloseTo(0.5 ** 1 / Math.sqrt(2), 6);
    expect(row[3]).toBeGreaterThan(row[1]);
    expect(row[4]).toBe(0);
    expect(row[5]).toBe(0);
  });

  it("counts a purchase as click weight plus purchase weight, and ignores skips", () => {
    const r = createItemCf(unitContext(4, 3, { shrinkage: 0, decay: 1 }));
    r.observe(events(0, [shown(0, 0, 0, "purchase"), shown(0, 1, 0, "purchase"), shown(0, 2, 0, "skip")]));
    r.observe(events(0, [shown(1, 0, 0)]));
    const row = score(r, [1], 4, 1);
    // C_01 = 2·2 = 4, N_0 = 4 + 1 = 5, N_1 = 4: sim(0→1) = 4 / (5^0.75 · 4^0.25)
    expect(row[1]).toBeCloseTo(4 / (5 ** 0.75 * 4 ** 0.25), 6);
    expect(row[2]).toBe(0);
  });

  it("forgets history older than the window", () => {
    const r = createItemCf(unitContext(4, 2, { window: 5, decay: 1 }));
    r.observe(events(0, [shown(0, 0, 0), shown(0, 1, 0)]));
    r.observe(events(1, [shown(1, 0, 1)]));
    expect(score(r, [1], 4, 5)[1]).toBeGreaterThan(0);
    expect(score(r, [1], 4, 6)[1]).toBe(0);
  });

  it("rejects unknown and out-of-range options naming the field", () => {
    expect(() => createItemCf(unitContext(4, 2, { neighbors: 5 }))).toThrow(ConfigError);
    expect(() => createItemCf(unitContext(4, 2, { neighbors: 5 }))).toThrow(/recommender\.options\.item-cf\.neighbors: unknown option \(allowed: neighbours,/);
    expect(() => createItemCf(unitContext(4, 2, { decay: 1.5 }))).toThrow(/^recommender\.options\.item-cf\.decay: 1\.5 is out of range \(allowed: 0 to 1\)$/);
    expect(() => createItemCf(unitContext(4, 2, { neighbours: 2.5 }))).toThrow(/^recommender\.options\.item-cf\.neighbours: expected an integer \(allowed: 1 to 10000\), got 2\.5$/);
    expect(DEFAULT_ITEM_CF_OPTIONS.neighbours).toBe(50);
  });

  it("beats random by a clear margin on NDCG@10 in the second half of a small stationary run, deterministically", () => {
    const random = secondHalfNdcg("random");
    const itemCf = secondHalfNdcg("item-cf");
    expect(itemCf).toBeGreaterThan(1.5 * random);
    expect(secondHalfNdcg("item-cf")).toBe(itemCf);
  });
});

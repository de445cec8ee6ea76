import { describe, expect, it } from "vitest";
import { BestList } from "../lib/recommenders/best-list.js";
import { Stream } from "../lib/random/stream.js";

describe("BestList", () => {
  it("holds the top pairs by similarity, then lower id, whatever the order they arrive in (ties included)", () => {
    const s = new Stream("best-list");
    for (let trial = 0; trial < 50; trial++) {
      const capacity = 1 + s.int(8);
      const pairs = Array.from({ length: s.int(30) }, (_, id) => ({ id, sim: s.int(5) / 4 }));
      const expected = [...pairs].sort((a, b) => b.sim - a.sim || a.id - b.id).slice(0, capacity);
      for (let order = 0; order < 3; order++) {
        const shuffled = [...pairs];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = s.int(i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const best = new BestList(capacity);
        for (const p of shuffled) best.keep(p.id, p.sim);
        expect(Array.from(best.ids.subarray(0, best.length))).toEqual(expected.map((p) => p.id));
        expect(Array.from(best.sims.subarray(0, best.length))).toEqual(expected.map((p) => p.sim));
      }
    }
  });
});

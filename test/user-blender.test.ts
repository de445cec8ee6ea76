import { describe, expect, it } from "vitest";
import { blendModule } from "../lib/loop/blend-wasm.js";
import { RoundScores } from "../lib/loop/score.js";
import { UserBlender } from "../lib/loop/user-blender.js";
import { Stream } from "../lib/random/stream.js";

/** The definition, written out: float32 sums onto a copy of base in component order, zero weights skipped, then a full sort. */
function expectedTop(base: Float32Array, rows: Float32Array[], weights: number[], n: number, exclude: Set<number>): number[] {
  const blended = Float32Array.from(base);
  rows.forEach((row, k) => {
    if (weights[k] !== 0) for (let i = 0; i < base.length; i++) blended[i] = Math.fround(blended[i] + weights[k] * row[i]);
  });
  const ids = Array.from(blended.keys()).filter((i) => !exclude.has(i));
  ids.sort((x, y) => blended[y] - blended[x] || x - y);
  return ids.slice(0, n);
}

describe("UserBlender", () => {
  it("has its SIMD kernel in Node", () => {
    expect(blendModule()).toBeInstanceOf(WebAssembly.Module);
  });

  for (const [label, module] of [["the SIMD kernel", blendModule()], ["JavaScript", null]] as const) {
    it(`ranks as the written-out definition with ${label}: rows of any length, shared rows, zero weights, ties, exclusions`, () => {
      const s = new Stream(`user-blender/${label}`);
      const blender = new UserBlender(module);
      let checked = 0;
      for (const items of [1, 3, 4, 5, 17, 64, 1001]) {
        for (const K of [1, 2, 5]) {
          const users = 3;
          // coarse values (many ties), ±0, tiny and large magnitudes
          const value = () => [0, -0, 1e-40, 3e30, 0.5, Math.round(s.next() * 8) / 8, s.next()][s.int(7)];
          const shared = Array.from({ length: K }, (_, k) => k === 0 && K > 1);
          const rows = shared.map((one) => Float32Array.from({ length: (one ? 1 : users) * items }, value));
          const scores = new RoundScores(items, rows, shared);
          const base = Float32Array.from({ length: items }, () => 1e-6 * s.next());
          for (let a = 0; a < users; a++) {
            blender.load(scores, a, base);
            for (let trial = 0; trial < 4; trial++) {
              const weights = Array.from({ length: K }, () => (s.next() < 0.3 ? 0 : s.next()));
              const exclude = new Set(Array.from({ length: s.int(items + 1) }, () => s.int(items)));
              const n = s.int(items + 3);
              const userRows = rows.map((_, k) => scores.row(k, a));
              expect(blender.top(weights, n, exclude), `${items} items, ${K} components, user ${a}`).toEqual(expectedTop(base, userRows, weights, n, exclude));
              checked++;
            }
          }
        }
      }
      expect(checked).toBe(7 * 3 * 3 * 4);
    });
  }

  it("adds bit for bit as JavaScript's float32 `out[i] += w * row[i]` (rounding to nearest, even), over magnitudes 1e-30 to 1e30", () => {
    const s = new Stream("axpy");
    const items = 4099;
    const magnitude = () => s.normal() * 10 ** (s.int(61) - 30);
    const rows = [Float32Array.from({ length: items }, magnitude), Float32Array.from({ length: items }, magnitude)];
    const base = Float32Array.from({ length: items }, magnitude);
    const scores = new RoundScores(items, rows, [true, true]);
    const blender = new UserBlender();
    blender.load(scores, 0, base);
    const weights = [0.1 + s.next(), 1e-3 * s.next()];
    const expected = Float32Array.from(base);
    for (let k = 0; k < 2; k++) for (let i = 0; i < items; i++) expected[i] += weights[k] * rows[k][i];
    const got = blender.blend(weights);
    let rounded = 0;
    for (let i = 0; i < items; i++) {
      expect(Object.is(got[i], expected[i]), `item ${i}`).toBe(true);
      if (Math.fround(base[i] + weights[0] * rows[0][i]) !== base[i] + weights[0] * rows[0][i]) rounded++;
    }
    // the sums do round: the test would see a kernel that kept float64 or rounded differently
    expect(rounded).toBeGreaterThan(items / 2);
  });
});

import { describe, expect, it } from "vitest";
import { heldOutWindows, replayDifferences } from "../lib/data/replay-evidence.js";
import type { ReplayResult } from "../lib/data/replay.js";
import { studentTQuantile } from "../lib/stats/student-t.js";

/** Four windows of 10 events; the held-out part starts at rating 25, so windows 2 and 3 (from 30, 45) are held out. */
function result(hits: Record<string, number[]>): ReplayResult {
  const policies = Object.keys(hits);
  return {
    k: 10,
    components: ["popularity"],
    policies,
    ratings: 60,
    batches: 60,
    windows: [0, 15, 30, 45, 58].map((from, w) => ({ window: w, start: 0, end: 0, events: w < 4 ? 10 : 0, from })),
    scores: policies.flatMap((p) => hits[p].map((hit, w) => ({ policy: p, window: w, events: 10, hit, ndcg: hit / 2 }))),
    weights: [],
    summary: [],
    heldOutFrom: 25,
    heldOutStart: 0,
    heldOut: [],
    cold: [],
    built: [],
    componentSeconds: {},
    diagnostics: {},
  };
}

describe("replay evidence: paired differences over the held-out windows", () => {
  it("pairs each policy with popularity and static window by window, held-out windows with events only", () => {
    const r = result({ popularity: [0.9, 0.9, 0.1, 0.2, 0], static: [0, 0, 0.2, 0.2, 0], ema: [0, 0, 0.4, 0.3, 0] });
    expect(heldOutWindows(r)).toEqual([2, 3]);
    const d = replayDifferences(r);
    expect(d.map((x) => `${x.policy}-${x.baseline}`)).toEqual(["static-popularity", "ema-popularity", "popularity-static", "ema-static"]);
    const ema = d[1];
    // differences 0.3 and 0.1: mean 0.2, sd √0.02, t(0.975, 1) = 12.706
    expect(ema.n).toBe(2);
    expect(ema.mean).toBeCloseTo(0.2, 12);
    expect(ema.hi - ema.mean).toBeCloseTo(studentTQuantile(0.975, 1) * Math.sqrt(0.02) / Math.sqrt(2), 10);
    expect([ema.hit, ema.baselineHit, ema.above, ema.below]).toEqual([0.35, 0.15000000000000002, 2, 0]);
  });

  it("has nothing to say with fewer than two held-out windows or without the baseline", () => {
    expect(replayDifferences({ ...result({ popularity: [0, 0, 0, 0, 0], ema: [0, 0, 0, 0, 0] }), heldOutFrom: 40 })).toEqual([]);
    expect(replayDifferences(result({ ema: [0, 0, 1, 1, 0], thompson: [0, 0, 1, 1, 0] }))).toEqual([]);
  });
});

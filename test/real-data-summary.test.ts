import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readRealDataSummary, REAL_DATA_SUMMARY, summarySettings } from "../cli/real-data-summary.js";

describe("the real-data page's committed summary", () => {
  it.skipIf(!existsSync(REAL_DATA_SUMMARY))("was made with the replay's current defaults (else: npx tsx scripts/real-data-summary.ts)", () => {
    const summary = readRealDataSummary() as { settings: unknown; meta: { ratings: number; totalRatings: number }; heldOut: { policy: string }[]; differences: { lo: number; hi: number; mean: number }[] };
    expect(JSON.parse(JSON.stringify(summarySettings()))).toEqual(summary.settings);
    // the whole release, every policy on the held-out part, and intervals around their means
    expect(summary.meta.ratings).toBe(summary.meta.totalRatings);
    expect(summary.heldOut.map((d) => d.policy)).toEqual(["popularity", "item-cf", "user-cf", "content", "mf", "static", "ema", "smoothed", "thompson", "logistic"]);
    for (const d of summary.differences) expect(d.lo <= d.mean && d.mean <= d.hi).toBe(true);
  });
});

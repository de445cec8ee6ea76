import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareWithBaseline } from "../lib/stats/baseline-comparison.js";
import { cliInProcess, tempDir } from "./support/cli.js";

/**
 * A sweep.csv written by hand: kind × beta × seeds 1–5 (static, ema at β = 0 and 0.5). ema − static on ctr at β = 0 is
 * 2, 3, 2, 3, 3 (×0.01) seed by seed: mean 0.026, sd √0.3·0.01, half-width t(0.975, 4)·sd/√5 = 0.0068009.
 */
function sweepCsv(): string {
  const header = "kind,beta,seed,ctr,ndcg,recovery,recovered,recovery_window,weights";
  const staticCtr = [0.01, 0.02, 0.02, 0.03, 0.04];
  const gain = [0.02, 0.03, 0.02, 0.03, 0.03];
  const lines = [header];
  for (const beta of [0, 0.5]) {
    staticCtr.forEach((c, i) => lines.push(`static,${beta},${i + 1},${c},0.1,${i < 2 ? "" : 10 + i},${i >= 2},45,a:1`));
    staticCtr.forEach((c, i) => lines.push(`ema,${beta},${i + 1},${(c + gain[i] + (beta ? 0.01 : 0)).toFixed(4)},0.1,${4 + i},true,45,a:1`));
  }
  return lines.join("\n") + "\n";
}

describe("compareWithBaseline", () => {
  it("pairs each group with the baseline of the same other keys, by seed, checked by hand", () => {
    const rows = [
      { kind: "static", beta: 0, seed: 1, ctr: 1 },
      { kind: "static", beta: 0, seed: 2, ctr: 2 },
      { kind: "ema", beta: 0, seed: 2, ctr: 5 },
      { kind: "ema", beta: 0, seed: 1, ctr: 3 },
      { kind: "ema", beta: 0, seed: 3, ctr: 9 },
      { kind: "static", beta: 0.5, seed: 1, ctr: 0 },
      { kind: "ema", beta: 0.5, seed: 1, ctr: null },
    ];
    const [c] = compareWithBaseline(rows, { keys: ["kind", "beta"], baseline: { key: "kind", value: "static" }, metrics: ["ctr"] });
    // seed 1: 3 − 1, seed 2: 5 − 2; seed 3 has no static run
    expect(c).toMatchObject({ group: { kind: "ema", beta: "0" }, pairs: 2, treatment: 4, baseline: 1.5, difference: 2.5, above: 2, below: 0, unpaired: 1 });
    // ema at β = 0.5 has no value: no comparison rather than a made-up one
    expect(compareWithBaseline(rows, { keys: ["kind", "beta"], baseline: { key: "kind", value: "static" }, metrics: ["ctr"] })).toHaveLength(1);
  });
});

describe("drift-lab compare", () => {
  const dir = tempDir("compare");
  writeFileSync(join(dir, "sweep.csv"), sweepCsv());

  it("prints and writes the paired differences with t intervals, and recovery as share and Kaplan–Meier median", async () => {
    const out = join(dir, "out");
    const r = await cliInProcess(["compare", "--in", dir, "--baseline", "kind=static", "--metrics", "ctr", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Against kind=static (same beta), paired by seed; 95 % t interval of the mean difference:");
    const compare = readFileSync(join(out, "compare.csv"), "utf8").trim().split("\n");
    expect(compare[0]).toBe("kind,beta,metric,pairs,treatment,baseline,difference,lo,hi,above,below,ties,unpaired");
    const [kind, beta, metric, pairs, , , difference, lo, hi, above, below] = compare[1].split(",");
    expect([kind, beta, metric, pairs, above, below]).toEqual(["ema", "0", "ctr", "5", "5", "0"]);
    expect(Number(difference)).toBeCloseTo(0.026, 10);
    expect(Number(lo)).toBeCloseTo(0.026 - 0.0068009, 6);
    expect(Number(hi)).toBeCloseTo(0.026 + 0.0068009, 6);
    expect(r.stdout).toMatch(/ema\s+0\s+ctr\s+5\s+0\.0500\s+0\.0240\s+\+0\.0260\s+\[\+0\.0192, \+0\.0328\]\s+5\/0/);
    // static: seeds 1, 2 never recovered (censored at 45), seeds 3–5 at 12, 13, 14 → S = 4/5, 3/5, 2/5: S first ≤ ½ at 14
    const recovery = readFileSync(join(out, "recovery.csv"), "utf8").trim().split("\n");
    expect(recovery[0]).toBe("kind,beta,runs,recovered,share_recovered,km_median,km_median_lo,km_median_hi,window");
    expect(recovery[1].split(",").slice(0, 6)).toEqual(["static", "0", "5", "3", "0.6", "14"]);
    expect(recovery[1].split(",").at(-1)).toBe("45");
    expect(r.stdout).toMatch(/static\s+0\s+5\s+3\s+0\.60\s+14\s/);
  });

  it("refuses recovery as a metric, an unknown baseline or metric: exit 2 and one line", async () => {
    const cases: [string[], RegExp][] = [
      [["--baseline", "kind=static", "--metrics", "recovery"], /--metrics: 'recovery' is censored/],
      [["--baseline", "kind=oracle"], /--baseline: kind has no value 'oracle' .* \(values: static, ema\)/],
      [["--baseline", "alpha=0.1"], /--baseline: 'alpha' is not a grid column .* \(grid columns: kind, beta\)/],
      [["--baseline", "kind=static", "--metrics", "ctr,clicks"], /--metrics: unknown metric 'clicks' \(allowed: ctr, ndcg\)/],
    ];
    for (const [args, message] of cases) {
      const r = await cliInProcess(["compare", "--in", dir, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

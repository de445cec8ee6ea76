import "./support/backend.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { choose, parseObjective, stat } from "../cli/commands/tune.js";
import { cliInProcess, tempDir } from "./support/cli.js";

const SMALL = ["--scenario", "baseline", "--rounds", "6", "--set", "world.users=40", "--set", "world.items=120", "--workers", "0"];
const csv = (path: string) => {
  const [header, ...lines] = readFileSync(path, "utf8").split("\n").filter(Boolean);
  const columns = header.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, j) => [columns[j], v])));
};

describe("drift-lab tune: choose on validation seeds, report on test seeds", () => {
  it("minimising volatility picks α = 0 (weights never move) and reports it on the test seeds only", async () => {
    const out = tempDir("tune");
    const r = await cliInProcess(["tune", ...SMALL, "--grid", "alpha=0.3,0,0.6", "--validation-seeds", "1-2", "--test-seeds", "11,12", "--objective", "-volatility", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Chosen: alpha=0\n");
    expect(r.stdout).toMatch(/Validation \(seeds 1,2; min volatility\)/);
    expect(r.stdout).toMatch(/^0 +0\.0000 ± 0\.0000 .*← chosen$/m);
    const test = csv(join(out, "test", "sweep.csv"));
    expect(test.map((row) => [row.alpha, row.seed])).toEqual([
      ["0", "11"],
      ["0", "12"],
    ]);
    const tune = JSON.parse(readFileSync(join(out, "tune.json"), "utf8"));
    expect(tune.chosen).toEqual({ alpha: "0" });
    expect(tune.test.seeds).toEqual([11, 12]);
    expect(tune.test.stats.volatility.mean).toBe(0);
  });

  it("each metric is read from its own column: ctr_after_shift and tracking_error come after columns tune leaves out", async () => {
    const out = tempDir("tune-shift");
    const shift = ["--scenario", "abrupt-shift", "--rounds", "8", "--set", "world.drift.shift.at=4", "--set", "world.users=40", "--set", "world.items=120", "--workers", "0"];
    const r = await cliInProcess(["tune", ...shift, "--grid", "alpha=0.05,0.5", "--validation-seeds", "1-2", "--test-seeds", "3", "--objective", "ctr_after_shift", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = csv(join(out, "validation", "sweep.csv"));
    const points = JSON.parse(readFileSync(join(out, "tune.json"), "utf8")).validation.points as { values: string[]; stats: Record<string, { mean: number }> }[];
    let compared = 0;
    for (const p of points) {
      const mine = rows.filter((row) => row.alpha === p.values[0]);
      for (const m of ["ctr", "volatility", "ctr_after_shift", "tracking_error"]) {
        expect(p.stats[m].mean, `${m} at alpha=${p.values[0]}`).toBeCloseTo(stat(mine.map((row) => Number(row[m]))).mean, 12);
        expect(Number.isFinite(p.stats[m].mean)).toBe(true);
        compared++;
      }
    }
    expect(compared).toBe(8);
  });

  it("maximising ctr picks the grid point with the best validation mean, as computed from the validation rows", async () => {
    const out = tempDir("tune-ctr");
    const r = await cliInProcess(["tune", ...SMALL, "--grid", "kind=static,ema,exp3", "--validation-seeds", "1-3", "--test-seeds", "4-5", "--objective", "ctr", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = csv(join(out, "validation", "sweep.csv"));
    expect(rows).toHaveLength(9);
    const means = ["static", "ema", "exp3"].map((k) => stat(rows.filter((row) => row.kind === k).map((row) => Number(row.ctr))).mean);
    const best = ["static", "ema", "exp3"][means.indexOf(Math.max(...means))];
    expect(r.stdout).toContain(`Chosen: kind=${best}\n`);
    expect(csv(join(out, "test", "sweep.csv")).map((row) => row.kind)).toEqual([best, best]);
  });

  it("rejects overlapping seed sets and unknown objectives", async () => {
    const a = await cliInProcess(["tune", ...SMALL, "--grid", "alpha=0.1", "--validation-seeds", "1-3", "--test-seeds", "3-4", "--objective", "ctr"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/must not overlap --validation-seeds \(both have 3\)/);
    expect(() => parseObjective("clicks")).toThrow(/unknown metric 'clicks'/);
    expect(parseObjective("min:volatility")).toEqual({ metric: "volatility", sign: -1 });
    // recovery is censored: a run that never recovers has no value, so it cannot be averaged into an objective
    expect(() => parseObjective("-recovery")).toThrow(/'recovery' is censored .* drift-lab compare/);
    expect(() => parseObjective("recovered")).toThrow(/unknown metric 'recovered'/);
  });

  it("choose breaks ties by grid order and skips points without a value", () => {
    const p = (v: string, m: number) => ({ values: [v], stats: { ctr: { mean: m, sd: 0, n: 1 } } });
    expect(choose([p("a", Number.NaN), p("b", 0.2), p("c", 0.2)], { metric: "ctr", sign: 1 }).values).toEqual(["b"]);
  });
});

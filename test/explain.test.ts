import { describe, expect, it } from "vitest";
import { explain } from "../lib/weighting/explain.js";
import { cli, cliInProcess } from "./support/cli.js";

const ABC = ["A", "B", "C"];
const p = (alpha: number, beta = 0) => ({ alpha, beta, history: 1 });

describe("the seeds' worked example: items A, B, C, a click on B, α = 0.1", () => {
  it("additive form w + α·r: only B moves, to 0.6", () => {
    const e = explain("additive", p(0.1), [0.5, 0.5, 0.5], [0, 1, 0], 1, ABC);
    expect(e.final).toEqual([0.5, 0.6, 0.5]);
    expect(e.steps[0].lines).toEqual(["A: 0.5 + 0.1·0 = 0.5", "B: 0.5 + 0.1·1 = 0.6", "C: 0.5 + 0.1·0 = 0.5"]);
    expect(e.stable).toBe(false);
  });

  it("ema form w + α·(r − w): B rises to 0.55, A and C fall to 0.45", () => {
    const e = explain("ema", p(0.1), [0.5, 0.5, 0.5], [0, 1, 0], 2, ABC);
    expect(e.steps.map((s) => s.weights)).toEqual([
      [0.45, 0.55, 0.45],
      [0.405, 0.595, 0.405],
    ]);
    expect(e.steps[0].lines[1]).toBe("B: 0.5 + 0.1·(1 − 0.5) = 0.55");
    expect(e.stable).toBe(true);
  });

  it("the text says how non-clicked items are rewarded and that the source articles' printed 'every weight up by 0.1' is wrong", async () => {
    const additive = await cliInProcess(["explain", "--rule", "additive", "--alpha", "0.1", "--weights", "0.5,0.5,0.5", "--rewards", "0,1,0"]);
    expect(additive.code).toBe(0);
    expect(additive.stdout).toContain("every item not clicked gets r = 0");
    expect(additive.stdout).toContain("Final: 0.5, 0.6, 0.5");
    expect(additive.stdout).toMatch(/every weight up by 0\.1 .*That is wrong\. In the additive form only B moves/);
    const ema = await cliInProcess(["explain", "--rule", "ema", "--alpha", "0.1", "--weights", "0.5,0.5,0.5", "--rewards", "0,1,0"]);
    expect(ema.stdout).toContain("Final: 0.45, 0.55, 0.45");
    expect(ema.stdout).toMatch(/That is wrong\. In the ema form B moves up toward its reward 1, and A and C move down/);
  });
});

describe("explain --json", () => {
  it("prints {steps:[{step,weights}], final, stable} through the real binary", async () => {
    const r = await cli(["explain", "--rule", "momentum", "--alpha", "0.1", "--beta", "0.5", "--weights", "0.5,0.5,0.5", "--rewards", "0,1,0", "--steps", "3", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["steps", "final", "stable"]);
    expect(out.steps.map((s: { step: number }) => s.step)).toEqual([1, 2, 3]);
    for (const s of out.steps) expect(Object.keys(s)).toEqual(["step", "weights"]);
    // w1 = 0.5 + 0.1·(1 − 0.5) = 0.55; w2 = 0.55 + 0.1·0.45 + 0.5·0.05 = 0.62; w3 = 0.62 + 0.1·0.38 + 0.5·0.07 = 0.693
    expect(out.steps.map((s: { weights: number[] }) => s.weights[1])).toEqual([0.55, 0.62, 0.693]);
    expect(out.final).toEqual(out.steps[2].weights);
    expect(out.stable).toBe(true);
  });

  it("stable is false outside the region: momentum α = 3.2 > 2(1 + 0.5)", async () => {
    const r = await cliInProcess(["explain", "--rule", "momentum", "--alpha", "3.2", "--beta", "0.5", "--weights", "0", "--rewards", "1", "--json"]);
    expect(JSON.parse(r.stdout).stable).toBe(false);
  });

  it("smoothed keeps h: h1 = (1 − β)·r, then w moves toward h", async () => {
    const r = await cliInProcess(["explain", "--rule", "smoothed", "--alpha", "0.5", "--beta", "0.5", "--weights", "0", "--rewards", "1", "--steps", "2", "--json"]);
    // h1 = 0.5, w1 = 0.25; h2 = 0.75, w2 = 0.25 + 0.5·0.5 = 0.5
    expect(JSON.parse(r.stdout).steps.map((s: { weights: number[] }) => s.weights[0])).toEqual([0.25, 0.5]);
  });

  it("rejects mismatched lengths and unknown rules with one line naming the flag", async () => {
    const a = await cliInProcess(["explain", "--rule", "ema", "--alpha", "0.1", "--weights", "0.5,0.5", "--rewards", "1"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--rewards: expected 2 values/);
    const b = await cliInProcess(["explain", "--rule", "foo", "--alpha", "0.1", "--weights", "0.5", "--rewards", "1"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--rule: unknown rule 'foo' \(allowed: additive, ema, momentum, smoothed, seed-history\)/);
  });
});

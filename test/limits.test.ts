import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkMemory, parseSize } from "../cli/memory.js";
import { peakActive, runMemory } from "../lib/simulation/memory.js";
import { cliInProcess, expectUsageError, tempDir } from "./support/cli.js";
import { scenario } from "./support/scenario.js";

/** Issue "Outputs that never lie", item 6: sizes that exhaust memory are refused up front, in one line, exit 2. */

const GiB = 1024 ** 3;

describe("the memory estimate refuses what would not fit, before any work (item 6)", () => {
  it("users = items = 1e6: one round's scores would not fit in an array; refused at once", async () => {
    const out = join(tempDir("huge"), "out");
    const started = performance.now();
    const r = await cliInProcess(["run", "--scenario", "baseline", "--set", "world.users=1000000", "--set", "world.items=1000000", "--out", out]);
    expectUsageError(r, /^drift-lab: world\.users × world\.items: a round scores 201601000000 cells \(201601 active of 1000000 users × 1000000 items, scored by 5 components\), more than the 4294967295 an array can hold/);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(existsSync(out)).toBe(false);
  });

  it("20,000 users × 100,000 items is refused under an 8 GiB limit, with the estimate and how to raise the limit", async () => {
    const r = await cliInProcess(["run", "--scenario", "baseline", "--set", "world.users=20000", "--set", "world.items=100000", "--threads", "1", "--max-memory", "8G", "--out", join(tempDir("big"), "out")]);
    expectUsageError(r, /^drift-lab: world\.users × world\.items: needs about 13\.\d GiB of memory \(4228 active of 20000 users × 100000 items, scored by 5 components\), more than the limit of 8\.0 GiB \(--max-memory\); use a smaller world, or raise the limit with --max-memory SIZE or \$DRIFT_LAB_MAX_MEMORY$/);
  });

  it("a sweep counts its workers: each holds a run", async () => {
    const args = ["sweep", "--scenario", "baseline", "--rounds", "5", "--set", "world.users=4000", "--set", "world.items=20000", "--grid", "alpha=0.1,0.2,0.3,0.4", "--seeds", "2", "--out", join(tempDir("workers"), "out")];
    expectUsageError(await cliInProcess([...args, "--workers", "4", "--max-memory", "2G"]), "(4 workers with a run each)", "or fewer --workers");
    expectUsageError(await cliInProcess([...args, "--workers", "0", "--max-memory", "100M"]), "more than the limit of 100 MiB (--max-memory)");
  });

  it("the limit takes sizes with units and refuses anything else", async () => {
    expect(parseSize("12G", "--max-memory")).toBe(12 * GiB);
    expect(parseSize("800M", "--max-memory")).toBe(800 * 1024 ** 2);
    expect(parseSize("1.5GiB", "--max-memory")).toBe(1.5 * GiB);
    expect(parseSize("1e9", "--max-memory")).toBe(1e9);
    expectUsageError(await cliInProcess(["run", "--scenario", "baseline", "--max-memory", "lots", "--out", tempDir("bad")]), "--max-memory: expected a size such as 12G, 800M or a number of bytes, got 'lots'");
  });

  it("the default world fits in 1 GiB; the estimate grows with users, items, components and a normalising thread", () => {
    const at = (sets: string[], threads = 1) => runMemory(scenario(sets), threads).bytes;
    const base = at([]);
    expect(() => checkMemory(scenario([]), { limit: { bytes: GiB, source: "test" } })).not.toThrow();
    expect(at(["world.users=600"])).toBeGreaterThan(base);
    expect(at(["world.items=2000"])).toBeGreaterThan(base);
    expect(at(["recommender.components=popularity,random,item-cf"])).toBeGreaterThan(at(["recommender.components=popularity,random"]));
    expect(at([], 2)).toBeGreaterThan(base);
    // popularity's scores are one shared row: a normalising thread copies only the per-user components' rows
    expect(at(["recommender.components=popularity"], 2)).toBeLessThan(at(["recommender.components=random"], 2));
    expect(at(["recommender.components=popularity"], 1)).toBe(at(["recommender.components=random"], 1));
  });

  it("the busiest round's active users: the binomial mean plus four standard deviations, at most all users", () => {
    expect(peakActive(20000, 0.2)).toBe(Math.ceil(4000 + 4 * Math.sqrt(4000 * 0.8) + 1));
    expect(peakActive(10, 1)).toBe(10);
    expect(peakActive(100, 0)).toBe(1);
  });
});

describe("bounded --seeds and --workers (item 6)", () => {
  const sweep = (...args: string[]) => cliInProcess(["sweep", "--scenario", "baseline", "--grid", "alpha=0.1", "--out", join(tempDir("bounds"), "out"), ...args]);

  it.each([
    [["--seeds", "3000000000"], "--seeds: 3000000000 seeds, more than the 100000 a sweep takes (allowed: 1 to 100000 seeds)"],
    [["--seeds", "99999999999"], "--seeds: 99999999999 seeds, more than the 100000"],
    [["--seeds", "1-200000"], "--seeds: 200000 seeds, more than the 100000"],
    [["--seeds", "5,99999999999"], "--seeds: expected a count N (seeds 1..N), a range a-b or a list a,b,c of integers from 0 to 2147483648"],
    [["--seeds", "2", "--workers", "256"], "--workers: expected an integer ≥ 0 and ≤ 64, got '256'"],
  ])("%j", async (args, message) => {
    const started = performance.now();
    expectUsageError(await sweep(...args), message);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("a plan of more than a million runs is refused before it is listed", async () => {
    const r = await cliInProcess(["sweep", "--scenario", "baseline", "--grid", `alpha=${Array.from({ length: 100 }, (_, j) => j / 100).join(",")}`, "--grid", `beta=${Array.from({ length: 200 }, (_, j) => j / 1000).join(",")}`, "--seeds", "100", "--out", join(tempDir("plan"), "out")]);
    expectUsageError(r, "--grid × --seeds: 100 × 200 grid points × 100 seeds = 2000000 runs, more than the 1000000 a sweep plans");
  });
});

import "./support/backend.js";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseGrid, parseShard, planTasks, shardTasks } from "../cli/sweep/plan.js";
import { cliInProcess, tempDir } from "./support/cli.js";

const SMALL = ["--scenario", "baseline", "--rounds", "5", "--set", "world.users=40", "--set", "world.items=120"];
const GRID = ["--grid", "kind=static,ema", "--grid", "alpha=0.1,0.5"];
const sweep = (out: string, ...extra: string[]) => cliInProcess(["sweep", ...SMALL, ...GRID, "--seeds", "2", "--workers", "0", "--out", out, ...extra]);
const rows = (dir: string) => readFileSync(join(dir, "sweep.csv"), "utf8").split("\n").filter(Boolean);
const keyOf = (line: string) => line.split(",").slice(0, 3).join(",");

describe("sweep plan and shards", () => {
  const axes = parseGrid(["kind=static,ema,exp3", "alpha=0.1,0.2", "components=popularity+random,random"]);
  const tasks = planTasks(axes, [1, 2, 3, 4, 5]);

  it("plans grid × seeds with the first axis slowest and list values split on '+'", () => {
    expect(tasks).toHaveLength(3 * 2 * 2 * 5);
    expect(tasks[0].values).toEqual(["static", "0.1", "popularity+random"]);
    expect(tasks[0].sets).toEqual(["policy.kind=static", "policy.alpha=0.1", "recommender.components=popularity,random"]);
    expect(tasks.slice(0, 5).map((t) => t.seed)).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([1, 2, 3, 7, 64])("%s shards are disjoint and together cover the plan", (n) => {
    const seen = new Map<number, number>();
    for (let i = 1; i <= n; i++) for (const t of shardTasks(tasks, parseShard(`${i}/${n}`))) seen.set(t.index, (seen.get(t.index) ?? 0) + 1);
    expect(seen.size).toBe(tasks.length);
    for (const count of seen.values()) expect(count).toBe(1);
  });

  it("rejects malformed shards and grids", () => {
    expect(() => parseShard("0/3")).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard("2of3")).toThrow(/expected i\/n/);
    expect(() => parseGrid(["alpha"])).toThrow(/key=v1,v2/);
    expect(() => parseGrid(["alpha=0.1,0.1"])).toThrow(/listed twice/);
  });
});

describe("drift-lab sweep", () => {
  it("writes one row per run and resumes: only missing runs execute, a torn line is dropped, nothing is duplicated", async () => {
    const out = tempDir("sweep");
    const first = await sweep(out);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^8 runs done; /);
    const complete = rows(out);
    expect(complete[0].split(",").slice(0, 8)).toEqual(["kind", "alpha", "seed", "ctr", "conversion", "precision", "recall", "ndcg"]);
    expect(complete[0]).toContain(",ild,coverage,");
    expect(complete[0]).toContain(",volatility,oscillation,collapse,recovery,recovered,recovery_window,ctr_after_shift,tracking_error,weights");
    expect(complete).toHaveLength(9);

    // an interrupted sweep: one row lost, the last one torn halfway through its write
    const damaged = [complete[0], ...complete.slice(1, 3), ...complete.slice(4, 8), complete[8].slice(0, 25)];
    writeFileSync(join(out, "sweep.csv"), damaged.join("\n"));
    const second = await sweep(out);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^2 runs done, 6 already in .* \(1 torn or repeated lines dropped\)/);
    const resumed = rows(out);
    expect(resumed).toHaveLength(9);
    expect(new Set(resumed.map(keyOf)).size).toBe(9);
    expect([...resumed].sort()).toEqual([...complete].sort());

    const third = await sweep(out);
    expect(third.stdout).toMatch(/^0 runs done, 8 already/);
    expect(rows(out)).toEqual(resumed);
  });

  it("a grown grid or more seeds reuse the rows already there; a different --set for the same DIR is refused", async () => {
    const out = tempDir("sweep-grow");
    await sweep(out);
    const more = await cliInProcess(["sweep", ...SMALL, ...GRID, "--seeds", "3", "--workers", "0", "--out", out]);
    expect(more.stdout).toMatch(/^4 runs done, 8 already/);
    const other = await cliInProcess(["sweep", ...SMALL, "--set", "policy.beta=0.9", ...GRID, "--seeds", "2", "--out", out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds a sweep of another scenario or grid \(policy\.beta: 0\.5 there, 0\.9 here\)/);
  });

  it("shards run in worker threads and merge back to the full sweep", async () => {
    const full = tempDir("sweep-full");
    await sweep(full);
    const [a, b, merged] = [tempDir("shard-a"), tempDir("shard-b"), tempDir("merged")];
    const one = await cliInProcess(["sweep", ...SMALL, ...GRID, "--seeds", "2", "--workers", "2", "--shard", "1/2", "--out", a]);
    expect(one.code, one.stderr).toBe(0);
    await sweep(b, "--shard", "2/2");
    expect(rows(a)).toHaveLength(5);
    expect(rows(b)).toHaveLength(5);
    const m = await cliInProcess(["sweep", "--merge", `${a},${b}`, "--out", merged]);
    expect(m.stdout).toMatch(/merged 8 rows/);
    expect(rows(merged).sort()).toEqual(rows(full).sort());
  });

  it("a bad grid value fails before any run with one line naming the field", async () => {
    const out = tempDir("sweep-bad");
    const r = await cliInProcess(["sweep", ...SMALL, "--grid", "kind=ema,nope", "--seeds", "1", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy\.kind: unknown policy kind 'nope' \(allowed: .*ema.*\)/);
    expect(existsSync(join(out, "sweep.csv"))).toBe(false);
  });

  it("a diverging run is a row with empty metrics, not a failure", async () => {
    const out = tempDir("sweep-diverge");
    const sets = ["--set", "policy.simplex.temperature=1e-6", "--set", "policy.history=1.7e308"];
    const r = await cliInProcess(["sweep", ...SMALL, ...sets, "--grid", "kind=seed-history,ema", "--grid", "alpha=4", "--seeds", "1", "--workers", "0", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(rows(out)[1]).toMatch(/^seed-history,4,1,,.*,diverged at round \d+,,,,,$/);
    expect(rows(out)[2]).toMatch(/^ema,4,1,0\./);
  });
});

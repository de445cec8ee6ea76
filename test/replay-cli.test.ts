import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replayPolicySpecs } from "../lib/data/replay-policies.js";
import { cli, ROOT, tempDir } from "./support/cli.js";

const TINY = join(ROOT, "test/fixtures/movielens-tiny");
const lines = (dir: string, file: string) => readFileSync(join(dir, file), "utf8").trim().split("\n");

describe("drift-lab replay", () => {
  it("writes replay.csv and summary.csv with the issue's columns, and the weights and windows", async () => {
    const out = tempDir("replay");
    const r = await cli(["replay", "--data", TINY, "--out", out, "--components", "popularity,random", "--policies", "popularity,random,static,ema", "--window", "10"]);
    expect(r.code, r.stderr).toBe(0);
    const replay = lines(out, "replay.csv");
    expect(replay[0]).toBe("policy,window,events,hit@10,ndcg@10");
    expect(replay).toHaveLength(1 + 4 * 5);
    const first = replay[1].split(",");
    expect(first.slice(0, 4)).toEqual(["popularity", "0", "10", "0.6"]);
    expect(Number(first[4])).toBeCloseTo(0.276177, 6);
    const summary = lines(out, "summary.csv");
    expect(summary[0]).toBe("policy,events,hit@10,ndcg@10,elapsed_seconds");
    expect(summary.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["popularity,44", "random,44", "static,44", "ema,44"]);
    expect(lines(out, "weights.csv")[0]).toBe("policy,window,component,weight");
    expect(lines(out, "windows.csv").slice(0, 2)).toEqual(["window,start,end,events", "0,2001-09-09,2001-09-12,10"]);
    expect(r.stdout).toMatch(/^replayed 99 ratings in 69 batches, [\d.]+ s, peak memory \d+ MB/);
    expect(r.stdout).toContain("doi.org/10.1145/2827872");
    // the held-out part (after the first 20 % of the ratings) and its cold items, beside a random list's hit rate
    const parts = lines(out, "held-out.csv");
    expect(parts[0]).toBe("policy,part,events,hit@10,ndcg@10,random_hit@10");
    expect(parts.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["popularity,held-out", "random,held-out", "static,held-out", "ema,held-out", "popularity,cold", "random,cold", "static,cold", "ema,cold"]);
    const heldOut = Number(parts[1].split(",")[2]);
    expect(heldOut).toBeGreaterThan(0);
    expect(heldOut).toBeLessThan(44);
    const differences = lines(out, "differences.csv");
    expect(differences[0]).toBe("policy,baseline,windows,hit,baseline_hit,difference,lo95,hi95,windows_above,windows_below");
    expect(differences.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["random,popularity", "static,popularity", "ema,popularity", "popularity,static", "random,static", "ema,static"]);
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    expect(config.built).toEqual(["popularity", "random"]);
    expect(config.peakRssMB).toBeGreaterThan(0);
  });

  it("builds only the components its policies use: single components alone, every component for a blend", async () => {
    const out = tempDir("replay-used");
    const r = await cli(["replay", "--data", TINY, "--out", out, "--components", "popularity,random,item-cf", "--policies", "popularity,item-cf", "--window", "10"]);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    expect(config.built).toEqual(["popularity", "item-cf"]);
    // the same hit rates as a replay that builds all three
    const all = tempDir("replay-used-all");
    expect((await cli(["replay", "--data", TINY, "--out", all, "--components", "popularity,random,item-cf", "--policies", "popularity,item-cf,static", "--window", "10"])).code).toBe(0);
    const rows = (dir: string) => lines(dir, "replay.csv").filter((l) => !l.startsWith("static"));
    expect(rows(out)).toEqual(rows(all));
    expect(JSON.parse(readFileSync(join(all, "config.json"), "utf8")).built).toEqual(["popularity", "random", "item-cf"]);
  });

  it("gives the same tables on one thread and on two (the threads only rank-normalise), and records the threads", async () => {
    const args = ["replay", "--data", TINY, "--components", "popularity,item-cf,user-cf,content,mf", "--encoder", "hashing", "--window", "10"];
    const one = tempDir("replay-one-thread");
    const two = tempDir("replay-two-threads");
    expect((await cli([...args, "--threads", "1", "--out", one])).code).toBe(0);
    expect((await cli([...args, "--threads", "2", "--out", two])).code).toBe(0);
    for (const f of ["replay.csv", "weights.csv", "windows.csv", "held-out.csv", "differences.csv"]) expect(lines(two, f), f).toEqual(lines(one, f));
    const threads = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).threads;
    expect([threads(one), threads(two)]).toEqual([1, 2]);
    const bad = await cli([...args, "--threads", "0", "--out", tempDir("replay-bad-threads")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("--threads");
  });

  it("bad input: one line naming the flag and what is allowed, exit 2", async () => {
    const bad = await cli(["replay", "--data", TINY, "--out", tempDir("replay-bad"), "--components", "popularity", "--policies", "popularity,nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/--policies: unknown policy 'nope' \(allowed: a component of this replay \(popularity\) or a policy kind \(.*ema.*\)\)/);
    const encoder = await cli(["replay", "--data", TINY, "--out", tempDir("replay-bad-encoder"), "--components", "popularity", "--encoder", "minilm"]);
    expect(encoder.code).toBe(2);
    expect(encoder.stderr.trim()).toBe("drift-lab: --encoder: unknown encoder 'minilm' (allowed: pretrained, hashing)");
    const missing = await cli(["replay", "--data", join(ROOT, "no-such-dir"), "--out", tempDir("replay-none")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no MovieLens ratings\.csv or ratings\.dat there; run `drift-lab data fetch movielens`/);
  });
});

describe("replay policies", () => {
  it("defaults to each component alone, then the issue's blends that the registry has, naming the missing ones", () => {
    const { specs, missing } = replayPolicySpecs(null, ["popularity", "item-cf"], ["static", "ema", "smoothed", "logistic"]);
    expect(specs.map((s) => [s.name, s.kind, JSON.stringify(s.weights)])).toEqual([
      ["popularity", "static", '{"popularity":1}'],
      ["item-cf", "static", '{"item-cf":1}'],
      ["static", "static", "{}"],
      ["ema", "ema", "{}"],
      ["smoothed", "smoothed", "{}"],
      ["logistic", "logistic", "{}"],
    ]);
    expect(missing).toEqual(["thompson"]);
  });
});

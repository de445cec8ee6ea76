import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, cliInProcess, expectUsageError, tempDir } from "./support/cli.js";

/**
 * Issue "Outputs that never lie", items 3 (--merge ignores the sweeps' identity), 4 (resume does not notice an edited
 * scenario file) and 5 (two sweeps into one --out both run everything): sweep.json's identity, the merge's checks,
 * the lock.
 */

const SIZE = ["--set", "world.users=40", "--set", "world.items=120"];
const sweep = (out: string, ...args: string[]) => cliInProcess(["sweep", "--scenario", "baseline", ...SIZE, "--grid", "alpha=0.1,0.5", "--workers", "0", "--out", out, ...args]);
const csv = (dir: string) => readFileSync(join(dir, "sweep.csv"), "utf8");
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8"));
const keys = (dir: string) => csv(dir).trim().split("\n").slice(1).map((l) => l.split(",").slice(0, 2).join(","));

describe("sweep.json records the sweep's identity, plan and completeness", () => {
  it("identity (resolved scenario and grid keys), plan (grid values and seeds), shard, runs, rows, complete", async () => {
    const out = tempDir("identity");
    expect((await sweep(out, "--seeds", "2", "--rounds", "4")).code).toBe(0);
    const m = manifest(out);
    expect(m).toMatchObject({ format: 2, scenario: "baseline", grid: [{ key: "alpha", path: "policy.alpha", values: ["0.1", "0.5"] }], seeds: [1, 2], shard: null, runs: 4, rows: 4, complete: true });
    expect(m.identity).toMatch(/^[0-9a-f]{64}$/);
    expect(m.plan).toMatch(/^[0-9a-f]{64}$/);
    expect(m.config.run).toEqual({ rounds: 4, seed: null });
    expect(m.config.world.users).toBe(40);
    // more seeds: same identity, another plan
    expect((await sweep(out, "--seeds", "3", "--rounds", "4")).stdout).toMatch(/^2 runs done, 4 already/);
    const grown = manifest(out);
    expect(grown.identity).toBe(m.identity);
    expect(grown.plan).not.toBe(m.plan);
    expect([grown.runs, grown.rows, grown.complete]).toEqual([6, 6, true]);
  });
});

describe("--merge checks the sweeps' identity (item 3)", () => {
  it("a --rounds 20 and a --rounds 30 sweep of the same grid are refused, naming the difference, and nothing is written", async () => {
    const [a, b, merged] = [tempDir("r20"), tempDir("r30"), join(tempDir("merged"), "out")];
    expect((await sweep(a, "--seeds", "2", "--rounds", "20")).code).toBe(0);
    expect((await sweep(b, "--seeds", "2", "--rounds", "30")).code).toBe(0);
    expectUsageError(await cliInProcess(["sweep", "--merge", `${a},${b}`, "--out", merged]), `--merge: ${b} is a sweep of another scenario or grid than ${a} (run.rounds: 20 in ${a}, 30 in ${b})`);
    expect(existsSync(merged)).toBe(false);
  });

  it("sweeps of different settings over different seeds are not mixed either", async () => {
    const [a, b] = [tempDir("beta0"), tempDir("beta9")];
    expect((await sweep(a, "--seeds", "1-2", "--rounds", "4")).code).toBe(0);
    expect((await sweep(b, "--seeds", "3-4", "--rounds", "4", "--set", "policy.beta=0.9")).code).toBe(0);
    expectUsageError(await cliInProcess(["sweep", "--merge", `${a},${b}`, "--out", join(tempDir("m"), "out")]), "policy.beta: 0.5 in", "0.9 in");
  });

  it("sweeps of one identity over other seeds merge, in plan order, with a sweep.json listing the sources", async () => {
    const [a, b, whole] = [tempDir("seeds12"), tempDir("seeds34"), tempDir("seeds14")];
    const merged = join(tempDir("merged"), "out");
    expect((await sweep(a, "--seeds", "1-2", "--rounds", "4")).code).toBe(0);
    expect((await sweep(b, "--seeds", "3-4", "--rounds", "4")).code).toBe(0);
    expect((await sweep(whole, "--seeds", "4", "--rounds", "4")).code).toBe(0);
    const r = await cliInProcess(["sweep", "--merge", `${b},${a}`, "--out", merged]);
    expect(r.stdout).toBe(`merged 8 rows from 2 directories into ${merged}/sweep.csv (complete)\n`);
    expect(keys(merged)).toEqual(["0.1,1", "0.1,2", "0.1,3", "0.1,4", "0.5,1", "0.5,2", "0.5,3", "0.5,4"]);
    expect(csv(merged).split("\n").sort()).toEqual(csv(whole).split("\n").sort());
    const m = manifest(merged);
    expect(m.identity).toBe(manifest(whole).identity);
    expect(m.plan).toBe(manifest(whole).plan);
    expect([m.seeds, m.runs, m.rows, m.complete, m.shard]).toEqual([[1, 2, 3, 4], 8, 8, true, null]);
    expect(m.sources).toEqual([
      { dir: b, shard: null, plan: manifest(b).plan, rows: 4, complete: true },
      { dir: a, shard: null, plan: manifest(a).plan, rows: 4, complete: true },
    ]);
    expectUsageError(await cliInProcess(["sweep", "--merge", `${a},${b}`, "--out", merged]), "already holds sweep.csv, sweep.json");
  });

  it("shards: every one must be given, complete; the missing ones are named", async () => {
    const shards = [tempDir("s1"), tempDir("s2"), tempDir("s3")];
    for (const [j, dir] of shards.entries()) expect((await sweep(dir, "--seeds", "3", "--rounds", "4", "--shard", `${j + 1}/3`)).code).toBe(0);
    expect(manifest(shards[1]).shard).toEqual({ index: 2, count: 3 });
    expect(manifest(shards[1]).plan).toBe(manifest(shards[0]).plan);
    const out = () => join(tempDir("merged"), "out");
    expectUsageError(await cliInProcess(["sweep", "--merge", shards[0], "--out", out()]), `--merge: shards 2/3, 3/3 of the sweep are missing (given: 1/3 from ${shards[0]})`);
    expectUsageError(await cliInProcess(["sweep", "--merge", `${shards[0]},${shards[2]}`, "--out", out()]), "shard 2/3 of the sweep is missing");
    // a shard killed halfway: its sweep.json says so
    const rows = csv(shards[2]).split("\n");
    writeFileSync(join(shards[2], "sweep.csv"), rows.slice(0, 2).join("\n") + "\n");
    writeFileSync(join(shards[2], "sweep.json"), JSON.stringify({ ...manifest(shards[2]), rows: 1, complete: false }));
    expectUsageError(await cliInProcess(["sweep", "--merge", shards.join(","), "--out", out()]), `--merge: ${shards[2]} is incomplete: shard 3/3 has 1 of its 2 runs`);
    expect((await sweep(shards[2], "--seeds", "3", "--rounds", "4", "--shard", "3/3")).stdout).toMatch(/^1 runs done, 1 already/);
    const merged = out();
    expect((await cliInProcess(["sweep", "--merge", shards.join(","), "--out", merged])).code).toBe(0);
    expect(manifest(merged).sources.map((s: { shard: unknown }) => s.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    expect(keys(merged)).toEqual(["0.1,1", "0.1,2", "0.1,3", "0.5,1", "0.5,2", "0.5,3"]);
  });

  it("a directory without sweep.json, and a corrupt sweep.json, are named in one line", async () => {
    const [a, b] = [tempDir("plain"), tempDir("corrupt")];
    writeFileSync(join(a, "sweep.csv"), "alpha,seed\n");
    expectUsageError(await cliInProcess(["sweep", "--merge", a, "--out", join(tempDir("m"), "out")]), `--merge: ${a} has no sweep.json`);
    const absent = join(tempDir("m"), "absent");
    expectUsageError(await cliInProcess(["sweep", "--merge", absent, "--out", join(tempDir("m"), "out")]), `--merge: ${absent} does not exist`);
    expect((await sweep(b, "--seeds", "1", "--rounds", "4")).code).toBe(0);
    writeFileSync(join(b, "sweep.json"), '{"format": 2, "identity": ');
    expectUsageError(await cliInProcess(["sweep", "--merge", b, "--out", join(tempDir("m"), "out")]), `${b}/sweep.json: not valid JSON`);
    expectUsageError(await sweep(b, "--seeds", "1", "--rounds", "4"), `${b}/sweep.json: not valid JSON`);
  });
});

describe("resume checks the sweep's identity (item 4)", () => {
  it("an edited scenario file is noticed, naming the field, and the rows already there stay as they are", async () => {
    const dir = tempDir("edited");
    const file = join(dir, "mine.json");
    const out = join(dir, "out");
    writeFileSync(file, JSON.stringify({ world: { users: 40, items: 120 }, run: { rounds: 4 } }));
    const first = await cliInProcess(["sweep", "--scenario", file, "--grid", "alpha=0.1", "--seeds", "1-2", "--workers", "0", "--out", out]);
    expect(first.code, first.stderr).toBe(0);
    const before = csv(out);
    writeFileSync(file, JSON.stringify({ world: { users: 50, items: 120 }, run: { rounds: 4 } }));
    const resumed = await cliInProcess(["sweep", "--scenario", file, "--grid", "alpha=0.1", "--seeds", "1-4", "--workers", "0", "--out", out]);
    expectUsageError(resumed, `--out ${out}: holds a sweep of another scenario or grid (world.users: 40 there, 50 here); use another --out, or --force to start over`);
    expect(csv(out)).toBe(before);
    const restarted = await cliInProcess(["sweep", "--scenario", file, "--grid", "alpha=0.1", "--seeds", "1-4", "--workers", "0", "--force", "--out", out]);
    expect(restarted.stdout).toMatch(/^4 runs done;/);
  });

  it("a shard is resumed only as the same shard of the same plan", async () => {
    const out = tempDir("shard-resume");
    expect((await sweep(out, "--seeds", "2", "--rounds", "4", "--shard", "1/2")).code).toBe(0);
    expectUsageError(await sweep(out, "--seeds", "2", "--rounds", "4", "--shard", "2/2"), "holds shard 1/2 of this sweep, this command runs shard 2/2");
    expectUsageError(await sweep(out, "--seeds", "3", "--rounds", "4", "--shard", "1/2"), "a shard's plan is fixed");
  });
});

describe("one writer per sweep directory (item 5)", () => {
  it("two sweeps started together into one --out: one exits 2 at once, the other's table has each key once", async () => {
    const out = tempDir("together");
    const args = ["sweep", "--scenario", "baseline", "--rounds", "40", "--set", "world.users=100", "--set", "world.items=300", "--grid", "alpha=0.05,0.1,0.2,0.4", "--seeds", "3", "--workers", "1", "--out", out];
    const started = performance.now();
    const finished: number[] = [];
    const results = await Promise.all([0, 1].map((j) => cli(args).then((r) => ((finished[j] = performance.now() - started), r))));
    const loser = results.findIndex((r) => r.code !== 0);
    expect(results.map((r) => r.code).sort(), results.map((r) => r.stderr).join("\n")).toEqual([0, 2]);
    const winner = 1 - loser;
    expectUsageError(results[loser], new RegExp(`^drift-lab: --out ${out}: in use by drift-lab sweep \\(pid \\d+ on ${hostname()}, since .*\\); wait for it to finish, or remove ${out}/\\.drift-lab\\.lock if that process is gone$`));
    expect(finished[loser]).toBeLessThan(finished[winner]);
    expect(results[winner].stdout).toMatch(/^12 runs done; /);
    expect(keys(out)).toHaveLength(12);
    expect(new Set(keys(out)).size).toBe(12);
    expect(existsSync(join(out, ".drift-lab.lock"))).toBe(false);
    expect(manifest(out).complete).toBe(true);
  });

  it("a lock left by a process that is gone is taken over", async () => {
    const out = tempDir("stale-lock");
    writeFileSync(join(out, ".drift-lab.lock"), JSON.stringify({ command: "drift-lab sweep", pid: 2 ** 22 + 17, host: hostname(), started: "2020-01-01T00:00:00.000Z" }));
    const r = await sweep(out, "--seeds", "1", "--rounds", "4");
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, ".drift-lab.lock"))).toBe(false);
  });

  it("a lock held by a live process on another host is refused, naming it", async () => {
    const out = tempDir("other-host");
    writeFileSync(join(out, ".drift-lab.lock"), JSON.stringify({ command: "drift-lab sweep", pid: 1, host: "node042", started: "2020-01-01T00:00:00.000Z" }));
    expectUsageError(await sweep(out, "--seeds", "1", "--rounds", "4"), "in use by drift-lab sweep (pid 1 on node042, since 2020-01-01T00:00:00.000Z)");
  });
});

describe("tune's directory", () => {
  it("is resumed when it holds a tune, refused when it holds anything else, and started over with --force", async () => {
    const out = tempDir("tune-dir");
    const tune = (...extra: string[]) =>
      cliInProcess(["tune", "--scenario", "baseline", ...SIZE, "--rounds", "4", "--grid", "alpha=0.1,0.5", "--validation-seeds", "1-2", "--test-seeds", "3", "--objective", "ctr", "--workers", "0", "--out", out, ...extra]);
    expect((await tune()).code).toBe(0);
    expect(manifest(join(out, "validation"))).toMatchObject({ runs: 4, rows: 4, complete: true });
    expect(JSON.parse(readFileSync(join(out, "tune.json"), "utf8")).test.seeds).toEqual([3]);
    const again = await tune();
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(out, ".drift-lab.lock"))).toBe(false);
    writeFileSync(join(out, "notes.txt"), "mine");
    expectUsageError(await tune("--force"), "holds 'notes.txt', which drift-lab did not write");
  });
});


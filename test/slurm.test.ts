import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, ROOT, SMALL, tempDir } from "./support/cli.js";

/**
 * A real one-node Slurm cluster (Debian's slurm-wlm and munge, installed here when missing), started under a
 * temporary directory by scripts/slurm-up.sh and stopped by its pid files with scripts/slurm-down.sh. Needs root
 * (the daemons run as root and munged as the munge user); skipped, saying why, otherwise.
 */
function unavailable(): string | null {
  if (process.getuid?.() !== 0) return "not root: the one-node Slurm cluster runs its daemons as root";
  const install = spawnSync("bash", [join(ROOT, "scripts/slurm-install.sh")], { encoding: "utf8" });
  if (install.status !== 0) return `Slurm could not be installed (${(install.stderr || install.error?.message || "").trim().split("\n").pop()})`;
  return null;
}

const skip = unavailable();
if (skip) process.stderr.write(`slurm.test.ts: skipped: ${skip}\n`);

/** Two free TCP ports for slurmctld and slurmd (another cluster, or another test run, may hold the defaults). */
async function freePorts(): Promise<number[]> {
  const one = () =>
    new Promise<{ port: number; close: () => void }>((done) => {
      const server = createServer().listen(0, "127.0.0.1", () => done({ port: (server.address() as { port: number }).port, close: () => server.close() }));
    });
  const [a, b] = [await one(), await one()];
  a.close();
  b.close();
  return [a.port, b.port];
}

const TERMINAL = /^(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE|PREEMPTED)$/;

describe.skipIf(skip !== null)(`drift-lab cluster slurm on a one-node Slurm cluster${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let cluster = "";
  let env: Record<string, string> = {};
  const slurm = (command: string, args: string[]) => execFileSync(command, args, { encoding: "utf8", env: { ...process.env, ...env } });
  const GRID = ["--scenario", "baseline", "--grid", "alpha=0.05,0.3", "--seeds", "3", ...SMALL];
  const jobs: Record<string, { out: string; ids: string[] }> = {};

  async function submit(name: string, args: string[], prepare?: (out: string) => void): Promise<void> {
    const out = join(tempDir(`slurm-${name}`), "study");
    prepare?.(out);
    const r = await cli(["cluster", "slurm", ...args, "--out", out], { env });
    expect(r.code, r.stderr).toBe(0);
    const m = /array job (\d+) \(\d+ tasks\) and merge job (\d+)/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(r.stdout).toContain(`watch:  squeue -j ${m![1]},${m![2]}`);
    jobs[name] = { out, ids: [m![1], m![2]] };
  }

  /** Waits until the array and its merge job have ended; returns the merge job's state. */
  async function ended(name: string): Promise<string> {
    const { ids } = jobs[name];
    const state = () => /JobState=(\S+)/.exec(slurm("scontrol", ["-o", "show", "job", ids[1]]))?.[1] ?? "";
    for (let waited = 0; waited < 300_000; waited += 1000) {
      if (TERMINAL.test(state()) && slurm("squeue", ["-h", "-j", ids[0]]).trim() === "") return state();
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`${name}: jobs ${ids.join(", ")} still running after 300 s:\n${slurm("squeue", [])}`);
  }

  beforeAll(async () => {
    cluster = tempDir("slurm-cluster");
    const [ctld, slurmd] = await freePorts();
    const up = spawnSync("bash", [join(ROOT, "scripts/slurm-up.sh"), cluster, String(ctld), String(slurmd)], { encoding: "utf8" });
    env = { SLURM_CONF: join(cluster, "slurm.conf") };
    if (up.status !== 0) throw new Error(`slurm-up.sh failed:\n${up.stdout}${up.stderr}`);
    // all three studies are submitted at once and share the node's cores
    await submit("sweep", [...GRID, "--tasks", "3"]);
    // shard 2's directory holds a file of the user's: its task refuses to write there and fails (exit 2)
    await submit("failing", [...GRID, "--tasks", "3"], (out) => {
      mkdirSync(join(out, "shards", "shard-2-of-3"), { recursive: true });
      writeFileSync(join(out, "shards", "shard-2-of-3", "notes.txt"), "mine\n");
    });
    const TINY = join(ROOT, "test/fixtures/movielens-tiny");
    await submit("replay", ["replay", "--data", TINY, "--components", "popularity,random", "--policies", "popularity,random,static,ema", "--window", "10", "--tasks", "2"]);
  }, 120_000);

  afterAll(() => {
    if (cluster) spawnSync("bash", [join(ROOT, "scripts/slurm-down.sh"), cluster]);
  });

  it("a 3-task array sweep and its merge job give the local sweep's sweep.csv row for row, with where and when each shard ran", async () => {
    expect(await ended("sweep")).toBe("COMPLETED");
    const { out, ids } = jobs.sweep;
    const local = tempDir("slurm-local");
    const r = await cli(["sweep", ...GRID, "--workers", "0", "--out", local]);
    expect(r.code, r.stderr).toBe(0);
    // llm_latency_ms is the only timing column (empty here: no llm policy)
    const rows = (dir: string) => {
      const lines = readFileSync(join(dir, "sweep.csv"), "utf8").trim().split("\n");
      const timing = lines[0].split(",").indexOf("llm_latency_ms");
      return lines.map((l) => l.split(",").filter((_, j) => j !== timing).join(","));
    };
    const merged = rows(join(out, "merged"));
    expect(merged).toHaveLength(1 + 2 * 3);
    expect(merged).toEqual(rows(local));
    const manifest = JSON.parse(readFileSync(join(out, "merged", "sweep.json"), "utf8"));
    expect(manifest.complete).toBe(true);
    expect(manifest.sources.map((s: { shard: unknown }) => s.shard)).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    expect(manifest.sessions).toHaveLength(3);
    manifest.sessions.forEach((s: { host: string; start: string; end: string; job: string; shard: { index: number } }, j: number) => {
      expect(s.shard.index).toBe(j + 1);
      expect(s.host).toBe(hostname());
      expect(s.job).toBe(`slurm ${ids[0]}_${j}`);
      expect(Date.parse(s.end)).toBeGreaterThanOrEqual(Date.parse(s.start));
    });
    expect(readFileSync(join(out, "logs", "merge.out"), "utf8")).toContain("merged 6 rows from 3 directories");
  }, 320_000);

  it("a failed shard makes the merge job fail naming it, and no merged table is written", async () => {
    expect(await ended("failing")).toBe("FAILED");
    const { out } = jobs.failing;
    expect(readFileSync(join(out, "logs", "shard-1.out"), "utf8")).toMatch(/holds 'notes\.txt', which drift-lab did not write/);
    const log = readFileSync(join(out, "logs", "merge.out"), "utf8");
    expect(log.trim().split("\n")).toHaveLength(1);
    expect(log).toContain("drift-lab: --merge: shard 2/3 of the sweep is missing (given: 1/3, 3/3");
    expect(log).toContain(`${join(out, "shards", "shard-2-of-3")} holds no sweep.json: the task failed before its first run`);
    expect(existsSync(join(out, "merged"))).toBe(false);
    // the other shards finished and are kept for a resubmission
    for (const i of [1, 3]) expect(JSON.parse(readFileSync(join(out, "shards", `shard-${i}-of-3`, "sweep.json"), "utf8")).complete).toBe(true);
  }, 320_000);

  it("a replay split by policy over 2 tasks merges to the local replay's tables", async () => {
    expect(await ended("replay")).toBe("COMPLETED");
    const { out } = jobs.replay;
    const local = tempDir("slurm-replay-local");
    const TINY = join(ROOT, "test/fixtures/movielens-tiny");
    const r = await cli(["replay", "--data", TINY, "--components", "popularity,random", "--policies", "popularity,random,static,ema", "--window", "10", "--out", local]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ["replay.csv", "weights.csv", "windows.csv"]) expect(readFileSync(join(out, "merged", f), "utf8")).toBe(readFileSync(join(local, f), "utf8"));
    const config = JSON.parse(readFileSync(join(out, "merged", "config.json"), "utf8"));
    expect(config.shards.map((s: { policies: string[] }) => s.policies)).toEqual([["popularity", "static"], ["random", "ema"]]);
    rmSync(local, { recursive: true, force: true });
  }, 320_000);
});

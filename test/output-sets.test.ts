import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli, cliWithFault, expectFailure, expectUsageError, ROOT, tempDir } from "./support/cli.js";

/**
 * Issue "Outputs that never lie", item 2: a run directory is consistent as a set. The faults are injected from
 * outside the lab (test/support/fault.cjs): a SIGKILL, or ENOSPC as on a full disk, at the N-th file-system call
 * of the command under the test's directory, for every N up to the last call, so every step of the write phase
 * is hit once.
 */

const RUN = ["run", "--scenario", "baseline", "--rounds", "12", "--set", "world.users=40", "--set", "world.items=100", "--threads", "1"];
const FILES = ["config.json", "rounds.csv", "summary.json", "weights.csv"];
const REPLAY_FILES = ["config.json", "differences.csv", "held-out.csv", "replay.csv", "summary.csv", "weights.csv", "windows.csv"];
const TINY = join(ROOT, "test", "fixtures", "movielens-tiny");

/** Each file of a complete run directory of seeds 1 and 2, summary.json without its elapsed time. */
const reference: Record<number, Record<string, string>> = {};
const referenceDir: Record<number, string> = {};

const stable = (file: string, text: string) => (file === "summary.json" ? text.replace(/"elapsedSeconds": [^,\n]+/, '"elapsedSeconds": 0') : text);

beforeAll(async () => {
  for (const seed of [1, 2]) {
    const dir = join(tempDir(`reference-${seed}`), "run");
    const r = await cli([...RUN, "--seed", String(seed), "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    referenceDir[seed] = dir;
    reference[seed] = Object.fromEntries(FILES.map((f) => [f, stable(f, readFileSync(join(dir, f), "utf8"))]));
  }
});

/**
 * What a run directory holds: "absent", or the seed of its complete set, after checking that it holds exactly the
 * four files, that every file's round count and seed agree with config.json, and that each is byte for byte that
 * seed's run.
 */
function state(dir: string): "absent" | number {
  if (!existsSync(dir)) return "absent";
  expect(readdirSync(dir).sort()).toEqual(FILES);
  const read = (f: string) => readFileSync(join(dir, f), "utf8");
  const config = JSON.parse(read("config.json"));
  const { seed, rounds } = config.run;
  const summary = JSON.parse(read("summary.json"));
  expect([summary.seed, summary.rounds]).toEqual([seed, rounds]);
  const roundRows = read("rounds.csv").trim().split("\n").slice(1);
  expect(roundRows.map((l) => Number(l.split(",")[0]))).toEqual(Array.from({ length: rounds }, (_, r) => r));
  const weightRounds = new Set(read("weights.csv").trim().split("\n").slice(1).map((l) => Number(l.split(",")[0])));
  expect(weightRounds.size).toBe(rounds);
  for (const f of FILES) expect(stable(f, read(f)), `${f} of seed ${seed}`).toBe(reference[seed][f]);
  return seed;
}

/** Entries of `dir` the lab writes while it works (`.NAME.drift-lab-tmp-…`, `.NAME.drift-lab-old-…`). */
const temporaries = (dir: string) => readdirSync(dir).filter((e) => e.includes(".drift-lab-"));


describe("a run directory is written as a set", () => {
  it("an earlier run is refused without --force, untouched, and replaced as a whole with it", async () => {
    const out = join(tempDir("rerun"), "run");
    cpSync(referenceDir[1], out, { recursive: true });
    expectUsageError(await cli([...RUN, "--seed", "2", "--out", out]), `--out ${out}: already holds config.json, rounds.csv, summary.json, weights.csv; choose another --out, or add --force to replace them`);
    expect(state(out)).toBe(1);
    const forced = await cli([...RUN, "--seed", "2", "--force", "--out", out]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(state(out)).toBe(2);
    expect(temporaries(join(out, ".."))).toEqual([]);
  });

  it("a run into a replay's directory does not mix the two sets: refused, or with --force the replay is replaced", async () => {
    const out = join(tempDir("into-replay"), "out");
    const replay = await cli(["replay", "--data", TINY, "--out", out, "--components", "popularity,random", "--policies", "popularity,static"]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(REPLAY_FILES);
    expectUsageError(await cli([...RUN, "--out", out]), "already holds config.json, differences.csv, held-out.csv, replay.csv and 3 more");
    expect(readdirSync(out).sort()).toEqual(REPLAY_FILES);
    const forced = await cli([...RUN, "--force", "--out", out]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(state(out)).toBe(1);
  });

  it("a directory holding a file the lab did not write is refused, even with --force", async () => {
    const out = join(tempDir("foreign"), "out");
    cpSync(referenceDir[1], out, { recursive: true });
    writeFileSync(join(out, "notes.txt"), "mine");
    expectUsageError(await cli([...RUN, "--seed", "2", "--force", "--out", out]), `holds 'notes.txt', which drift-lab did not write`);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
    expect(readFileSync(join(out, "config.json"), "utf8")).toBe(readFileSync(join(referenceDir[1], "config.json"), "utf8"));
  });
});

describe("fault injection: kills and a full disk at every step of a run's write phase", () => {
  /**
   * Kills or fails `drift-lab run --seed 2 [--force]` at its at-th file-system call, for at = 1, 2, … until one
   * finishes; returns what --out held after each. The first time a kill leaves no --out (between the two renames of
   * a replacement), the next command is run there too: it must put the earlier run back and remove the leftovers.
   */
  async function everyStep(action: "kill" | "ENOSPC", earlier: boolean) {
    const base = tempDir(`${action}-${earlier ? "replace" : "fresh"}`);
    const out = join(base, "run");
    const outcomes: (string | number)[] = [];
    for (let at = 1; ; at++) {
      expect(at, "the write phase has a few dozen steps at most").toBeLessThan(60);
      rmSync(base, { recursive: true, force: true });
      mkdirSync(base);
      if (earlier) cpSync(referenceDir[1], out, { recursive: true });
      const r = await cliWithFault([...RUN, "--seed", "2", ...(earlier ? ["--force"] : []), "--out", out], { action, at, under: base });
      const now = state(out);
      if (action === "kill" && r.signal !== "SIGKILL") {
        expect(r.code, r.stderr).toBe(0);
        expect(now).toBe(2);
        break;
      }
      if (action === "ENOSPC") {
        if (r.code === 0) {
          expect(now).toBe(2);
          break;
        }
        // a full disk: one line naming the path, the earlier set untouched, nothing left behind
        expectFailure(r, /^drift-lab: (--out: )?cannot (write|create a directory beside|replace) '[^']*' \(ENOSPC/);
        expect(now).toBe(earlier ? 1 : "absent");
        expect(temporaries(base)).toEqual([]);
      }
      if (action === "kill" && earlier && now === "absent" && !outcomes.includes("absent")) {
        expect(temporaries(base)).toHaveLength(2);
        expectUsageError(await cli([...RUN, "--seed", "2", "--out", out]), "already holds config.json");
        expect(state(out)).toBe(1);
        expect(temporaries(base)).toEqual([]);
      }
      outcomes.push(now);
    }
    return outcomes;
  }

  it.concurrent("a killed rerun leaves the earlier run, or nothing for the moment between two renames (the next command puts it back), or the new run: never a mix", async () => {
    const outcomes = await everyStep("kill", true);
    expect(outcomes.length).toBeGreaterThanOrEqual(6);
    expect(new Set(outcomes)).toEqual(new Set([1, "absent", 2]));
  });

  it.concurrent("a killed first run leaves no directory or the complete one", async () => {
    const outcomes = await everyStep("kill", false);
    expect(outcomes.length).toBeGreaterThanOrEqual(5);
    expect(outcomes[0]).toBe("absent");
    for (const o of outcomes) expect(["absent", 2]).toContain(o);
  });

  it.concurrent("a full disk at any write: exit 2 and one line naming the path, the earlier run intact, no temporary files", async () => {
    const outcomes = await everyStep("ENOSPC", true);
    expect(outcomes.length).toBeGreaterThanOrEqual(6);
  });
});

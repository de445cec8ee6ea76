import "./support/backend.js";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeAtomic } from "../cli/files.js";
import { runScenario } from "../lib/simulation/run.js";
import { NonFiniteWeightError } from "../lib/weighting/non-finite.js";
import { cli, cliInProcess, expectUsageError, SMALL, tempDir } from "./support/cli.js";
import { scenario, TINY, vocabulary } from "./support/scenario.js";

const BUILTIN = ["abrupt-shift", "baseline", "cold-start", "filter-bubble", "periodic", "stationary", "trending"];

const run = (...args: string[]) => cliInProcess(["run", "--scenario", "baseline", ...SMALL, "--out", tempDir("bad"), ...args]);

describe("through the real binary (node bin/drift-lab.js): exit code 2, one line, no stack trace", () => {
  it("α out of range, a non-numeric user count, an unknown scenario", async () => {
    const [alpha, users, unknown] = await Promise.all([
      cli(["run", "--scenario", "baseline", "--set", "policy.alpha=7", "--out", tempDir("bad")]),
      cli(["run", "--scenario", "baseline", "--set", "world.users=abc", "--out", tempDir("bad")]),
      cli(["run", "--scenario", "no-such-scenario", "--out", tempDir("bad")]),
    ]);
    expectUsageError(alpha, "policy.alpha", /allowed: 0 to 4/);
    expectUsageError(users, "world.users", "'abc'");
    const line = expectUsageError(unknown, "'no-such-scenario'");
    for (const name of BUILTIN) expect(line).toContain(name);
  });
});

describe("bad input to drift-lab run: exit 2, one line naming the field and what is allowed", () => {
  it("α out of range", async () => {
    expectUsageError(await run("--set", "policy.alpha=7"), "policy.alpha", "7", /allowed: 0 to 4/);
  });

  it("a non-numeric user count", async () => {
    expectUsageError(await run("--set", "world.users=abc"), "world.users", /expected a number/, "'abc'");
  });

  it("a fractional user count", async () => {
    expectUsageError(await run("--set", "world.users=2.5"), "world.users", /integer/);
  });

  it("an unknown scenario lists the known ones", async () => {
    const line = expectUsageError(await cliInProcess(["run", "--scenario", "no-such-scenario", "--out", tempDir("bad")]), "'no-such-scenario'");
    for (const name of BUILTIN) expect(line).toContain(name);
  });

  it("an unknown component lists the allowed ones", async () => {
    expectUsageError(await run("--set", "recommender.components=popularity,nope"), "recommender.components", "'nope'", /allowed: .*random.*/);
  });

  it("an unknown field, in --set and in a scenario file", async () => {
    expectUsageError(await run("--set", "world.bogus=1"), "world.bogus", /unknown field 'bogus'/, /allowed: .*users/);
    const dir = tempDir("bad-file");
    const file = join(dir, "mine.json");
    writeFileSync(file, JSON.stringify({ world: { userz: 10 } }));
    expectUsageError(await cliInProcess(["run", "--scenario", file, "--out", dir]), "world.userz", /unknown field/);
  });

  it("an unknown policy kind and a scenario file that is not JSON", async () => {
    expectUsageError(await run("--set", "policy.kind=magic"), "policy.kind", "'magic'", /allowed: .*ema/);
    const dir = tempDir("bad-json");
    writeFileSync(join(dir, "broken.json"), "{ world: ");
    expectUsageError(await cliInProcess(["run", "--scenario", join(dir, "broken.json"), "--out", dir]), /not valid JSON/);
  });

  it("an output directory that cannot be made, before any work is done", async () => {
    const dir = tempDir("bad-out");
    writeFileSync(join(dir, "file"), "x");
    expectUsageError(await cliInProcess(["run", "--scenario", "baseline", ...SMALL, "--out", join(dir, "file", "out")]), "--out", /file[/\\]out'.*file' is a file, not a directory/);
  });

  it("unknown options and stray arguments", async () => {
    expectUsageError(await run("--bogus", "1"), "--bogus");
    expectUsageError(await run("stray"), "'stray'");
    expectUsageError(await cliInProcess(["run", "--scenario", "baseline"]), "--out");
    expectUsageError(await run("--seed", "x"), "--seed", "'x'");
  });
});

describe("bad input to drift-lab metrics", () => {
  const dir = tempDir("bad-csv");
  const truth = join(dir, "truth.csv");
  writeFileSync(truth, "userID,itemID,rating\nu1,a,5\n");
  const metrics = (pred: string) => {
    const file = join(dir, `pred-${Math.abs(hash(pred))}.csv`);
    writeFileSync(file, pred);
    return cliInProcess(["metrics", "--truth", truth, "--pred", file, "--k", "3"]);
  };

  it("a line with the wrong number of fields names its file and line", async () => {
    expectUsageError(await metrics("userID,itemID,prediction\nu1,a,0.5\nu1,b\n"), /pred-\d+\.csv:3: expected 3 fields/);
  });

  it("a value that is not a number names its line, counting blank lines", async () => {
    expectUsageError(await metrics("userID,itemID,prediction\nu1,a,0.5\n\nu1,b,high\n"), /:4: column 'prediction': 'high' is not a number/);
  });

  it("a prediction listed twice for the same user and item", async () => {
    expectUsageError(await metrics("userID,itemID,prediction\nu1,a,0.5\nu1,b,0.4\nu1,a,0.3\n"), /:4: user 'u1' and item 'a' are listed twice \(first on line 2\)/);
  });

  it("an unterminated quote and a missing column", async () => {
    expectUsageError(await metrics('userID,itemID,prediction\nu1,"a,0.5\n'), /:2: unterminated quoted field/);
    expectUsageError(await metrics("user,itemID,prediction\nu1,a,0.5\n"), /missing column 'userID'/);
  });

  it("a missing --k and a missing file", async () => {
    expectUsageError(await cliInProcess(["metrics", "--truth", truth, "--pred", truth]), "--k");
    expectUsageError(await cliInProcess(["metrics", "--truth", truth, "--pred", join(dir, "absent.csv"), "--k", "2"]), "absent.csv");
  });
});

describe("a run that produces a non-finite weight", () => {
  it("stops, says which round and component, and writes no rounds.csv", async () => {
    const out = join(tempDir("nonfinite"), "out");
    const r = await cli([
      "run",
      "--scenario",
      "baseline",
      ...SMALL,
      "--set",
      "policy.kind=seed-history",
      "--set",
      "policy.alpha=4",
      "--set",
      "policy.history=1e308",
      "--out",
      out,
    ]);
    // the README: "a run whose weights become non-finite stops with code 3"
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    const last = r.stderr.trim().split("\n").pop()!;
    expect(last).toMatch(/^drift-lab: round \d+: the weight of component '(popularity|random)' became (NaN|Infinity|-Infinity)/);
    expect(existsSync(join(out, "rounds.csv"))).toBe(false);
    expect(existsSync(join(out, "summary.json"))).toBe(false);
  });

  it("the loop raises NonFiniteWeightError with the round and the component", () => {
    const config = scenario([...TINY, "policy.kind=seed-history", "policy.alpha=4", "policy.history=1e308"]);
    let error: unknown;
    try {
      runScenario(config, vocabulary(config));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteWeightError);
    const e = error as NonFiniteWeightError;
    expect(e.round).toBeGreaterThanOrEqual(0);
    expect(e.round).toBeLessThan(10);
    expect(["popularity", "random"]).toContain(e.component);
    expect(Number.isFinite(e.value)).toBe(false);
    expect(e.message).toContain(`round ${e.round}`);
  });
});

describe("outputs are written atomically", () => {
  it("writeAtomic replaces a file through a temporary file and leaves nothing else behind", () => {
    const dir = tempDir("atomic");
    const path = join(dir, "nested", "rounds.csv");
    writeAtomic(path, "a\n1\n");
    writeAtomic(path, "a\n2\n");
    expect(readFileSync(path, "utf8")).toBe("a\n2\n");
    expect(readdirSync(join(dir, "nested"))).toEqual(["rounds.csv"]);
  });

  it("a failed write leaves no partial or temporary file", () => {
    const dir = tempDir("atomic-fail");
    mkdirSync(join(dir, "summary.json"));
    writeFileSync(join(dir, "summary.json", "keep"), "x");
    expect(() => writeAtomic(join(dir, "summary.json"), "{}")).toThrow(/cannot write '.*summary\.json'/);
    expect(readdirSync(dir)).toEqual(["summary.json"]);
    expect(readdirSync(join(dir, "summary.json"))).toEqual(["keep"]);
  });
});

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseCacheRoot } from "../cli/embedding-cache.js";
import { ML_LATEST_SMALL } from "../lib/data/sources.js";
import { cli, cliInProcess, cliWithFault, expectFailure, expectUsageError, ROOT, tempDir } from "./support/cli.js";
import { makeZip } from "./support/zip.js";

/**
 * Issue "Outputs that never lie", items 9 (--out under /proc spins forever) and 11 (stack traces and exit 1 instead
 * of one line and exit 2), and the read-only --out of item 12.
 */

const TINY = join(ROOT, "test", "fixtures", "movielens-tiny");
const SMALL_DATA = join(ROOT, "../shared/data/ml-latest-small");
const WORLD = ["--set", "world.users=40", "--set", "world.items=100"];
const SWEEP = ["sweep", "--scenario", "baseline", "--rounds", "3", ...WORLD, "--grid", "alpha=0.1,0.2", "--seeds", "2", "--workers", "0"];
const TUNE = ["tune", "--scenario", "baseline", "--rounds", "3", ...WORLD, "--grid", "alpha=0.1,0.2", "--validation-seeds", "1", "--test-seeds", "2", "--objective", "ctr", "--workers", "0"];

function texts(): string {
  const file = join(tempDir("texts"), "texts.txt");
  writeFileSync(file, "rocket launch\nfresh pasta\n");
  return file;
}

/** Every path a command may write under /proc, each refused quickly with one line saying it is a pseudo file system. */
describe("an --out or --dest under /proc is refused at once (item 9)", () => {
  it.each<[string, string[]]>([
    ["run", ["run", "--scenario", "baseline", "--rounds", "3", "--out", "/proc/drift-lab/out"]],
    ["sweep", [...SWEEP, "--out", "/proc/drift-lab/out"]],
    ["embed", ["embed", "--encoder", "hashing", "--in", "TEXTS", "--out", "/proc/drift-lab/v.csv"]],
    ["data fetch", ["data", "fetch", "movielens", "--zip", "/nonexistent.zip", "--dest", "/proc/drift-lab/ml"]],
  ])("%s", async (_, args) => {
    const started = performance.now();
    const r = await cliInProcess(args.map((a) => (a === "TEXTS" ? texts() : a)));
    expectUsageError(r, /cannot use '\/proc\/drift-lab\/[^']+': '\/proc' is on proc, a pseudo file system that holds no files/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe("an --out that is a file: one line, exit 2, before any work (item 11)", () => {
  const file = () => {
    const f = join(tempDir("a-file"), "taken");
    writeFileSync(f, "x");
    return f;
  };

  it("sweep, tune, --merge, replay and data fetch --dest", async () => {
    expectUsageError(await cliInProcess([...SWEEP, "--out", file()]), /--out: '.*taken' is a file, not a directory/);
    expectUsageError(await cliInProcess([...TUNE, "--out", file()]), /--out: '.*taken' is a file, not a directory/);
    const source = tempDir("merge-source");
    expect((await cliInProcess([...SWEEP, "--out", source])).code).toBe(0);
    expectUsageError(await cliInProcess(["sweep", "--merge", source, "--out", file()]), /--out: '.*taken' is a file, not a directory/);
    const started = performance.now();
    expectUsageError(await cliInProcess(["replay", "--data", TINY, "--out", file()]), /--out: '.*taken' is a file, not a directory/);
    expect(performance.now() - started, "refused before the replay runs").toBeLessThan(3000);
    expectUsageError(await cliInProcess(["data", "fetch", "movielens", "--zip", "/nonexistent.zip", "--dest", file()]), /--dest: '.*taken' is a file, not a directory/);
  });

  it("embed: --out under a file, and an --out that exists without --force", async () => {
    expectUsageError(await cliInProcess(["embed", "--encoder", "hashing", "--in", texts(), "--out", join(file(), "v.csv")]), /--out: cannot use '.*taken[/\\]v\.csv': '.*taken' is a file, not a directory/);
    const out = file() + ".csv";
    writeFileSync(out, "mine");
    expectUsageError(await cliInProcess(["embed", "--encoder", "hashing", "--in", texts(), "--out", out]), `--out: '${out}' exists; choose another --out, or add --force to replace it`);
    expect(readFileSync(out, "utf8")).toBe("mine");
  });

  it("a long run under a path through a file fails at once, not after the run (item 12)", async () => {
    const started = performance.now();
    expectUsageError(await cliInProcess(["run", "--scenario", "baseline", "--rounds", "100000", "--out", join(file(), "out")]), "is a file, not a directory");
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("a full disk: one line naming the path, exit 2, no temporary file left (item 11)", () => {
  it("sweep: the append of a row", async () => {
    const base = tempDir("full-sweep");
    const out = join(base, "out");
    // the calls that take space under base: mkdir out, the lock (write, link), sweep.csv's header and sweep.json
    // (write and rename each), then the first row's append: the 8th
    const r = await cliWithFault([...SWEEP, "--out", out], { action: "ENOSPC", at: 8, under: base });
    expectFailure(r, `cannot append to '${join(out, "sweep.csv")}' (ENOSPC: injected failure)`);
    expect(readdirSync(out).sort()).toEqual(["sweep.csv", "sweep.json"]);
    expect(JSON.parse(readFileSync(join(out, "sweep.json"), "utf8"))).toMatchObject({ rows: 0, complete: false });
    // the half-written row is a torn line: the next run drops it and completes the sweep
    const resumed = await cli([...SWEEP, "--out", out]);
    expect(resumed.stdout).toMatch(/^4 runs done \(1 torn or repeated lines dropped\)/);
  });

  it("embed: the output file; a cache that cannot be written is only a warning", async () => {
    const base = tempDir("full-embed");
    const out = join(base, "v.csv");
    const r = await cliWithFault(["embed", "--encoder", "hashing", "--in", texts(), "--out", out], { action: "ENOSPC", at: 1, under: base });
    expectUsageError(r, `cannot write '${out}' (ENOSPC: injected failure)`);
    expect(readdirSync(base)).toEqual([]);
    const cacheIsAFile = join(base, "cache");
    writeFileSync(cacheIsAFile, "");
    const warned = await cli(["embed", "--encoder", "hashing", "--in", texts(), "--out", out], { env: { DRIFT_LAB_CACHE: cacheIsAFile } });
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toMatch(/^drift-lab: cache: cannot use '.*embeddings[^']*': '.*cache' is a file, not a directory; continuing without caching these vectors$/m);
    expect(readFileSync(out, "utf8").split("\n")[0]).toMatch(/^line,d0,/);
  });

  it.skipIf(!existsSync(SMALL_DATA))("data fetch: writing the release", async () => {
    const base = tempDir("full-fetch");
    const zip = join(base, "ml.zip");
    writeFileSync(zip, makeZip(Object.keys(ML_LATEST_SMALL.sha256).map((name) => ({ name: `ml-latest-small/${name}`, content: readFileSync(join(SMALL_DATA, name)), deflate: true }))));
    const dest = join(base, "ml");
    const r = await cliWithFault(["data", "fetch", "movielens", "--zip", zip, "--dest", dest], { action: "ENOSPC", at: 3, under: base });
    expectUsageError(r, /^drift-lab: cannot write '.*ml[/\\](ratings|movies|tags)\.csv' \(ENOSPC: injected failure\)$/);
    expect(readdirSync(base)).toEqual(["ml.zip"]);
    // then a fetch that works, one that finds the verified release in place, and a --dest with a file of the user's
    expect((await cli(["data", "fetch", "movielens", "--zip", zip, "--dest", dest])).code).toBe(0);
    const again = await cli(["data", "fetch", "movielens", "--zip", zip, "--dest", dest]);
    expect(again.stdout).toMatch(/^ml-latest-small: already in .*, every file matching its SHA-256; nothing to do/);
    writeFileSync(join(dest, "notes.txt"), "mine");
    expectUsageError(await cli(["data", "fetch", "movielens", "--zip", zip, "--dest", dest, "--force"]), "holds 'notes.txt', which drift-lab did not write");
  });
});

describe("other failures that were stack traces (item 11)", () => {
  it("EISDIR: embed --in DIR and a --data whose ratings.csv is a directory name the path", async () => {
    const dir = tempDir("eisdir");
    expectUsageError(await cliInProcess(["embed", "--encoder", "hashing", "--in", dir, "--out", join(dir, "v.csv")]), `--in: '${dir}' is a directory, not a file`);
    const data = join(dir, "ml");
    mkdirSync(join(data, "ratings.csv"), { recursive: true });
    writeFileSync(join(data, "movies.csv"), readFileSync(join(TINY, "movies.csv")));
    expectUsageError(await cliInProcess(["replay", "--data", data, "--out", join(dir, "out")]), `'${join(data, "ratings.csv")}' is a directory, not a file`);
  });

  it("--url notaurl", async () => {
    expectUsageError(await cliInProcess(["data", "fetch", "movielens", "--url", "notaurl", "--dest", join(tempDir("url"), "ml")]), `--url: expected an http(s) address such as ${ML_LATEST_SMALL.url}, got 'notaurl'`);
  });

  it("explain … | head -1: the closed pipe ends the command quietly, exit 0", async () => {
    const child = spawn(process.execPath, [join(ROOT, "bin/drift-lab.js"), "explain", "--rule", "ema", "--alpha", "0.1", "--weights", "0.5,0.5", "--rewards", "0,1", "--steps", "5000"], { cwd: ROOT });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const first = await new Promise<string>((done) => child.stdout.once("data", (d) => done(String(d).split("\n")[0])));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect(first).toBe("Rule ema: w ← w + α·(r − w)   (α = 0.1)");
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("a read-only install: the caches move to the user's cache directory", () => {
    const env = { HOME: "/home/ada" };
    expect(chooseCacheRoot(env, "/opt/drift-lab", () => true)).toBe("/opt/drift-lab/.cache");
    expect(chooseCacheRoot(env, "/opt/drift-lab", () => false)).toBe("/home/ada/.cache/drift-lab");
    expect(chooseCacheRoot({ ...env, XDG_CACHE_HOME: "/var/cache/ada" }, "/opt/drift-lab", () => false)).toBe("/var/cache/ada/drift-lab");
    expect(chooseCacheRoot({ ...env, DRIFT_LAB_CACHE: "/scratch/c" }, "/opt/drift-lab", () => false)).toBe("/scratch/c");
  });
});

import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliInProcess, expectUsageError, ROOT, tempDir } from "./support/cli.js";

/**
 * Issue "Outputs that never lie", items 7 (empty or truncated data is accepted), 8 (metrics merges distinct ids and
 * accepts a duplicate header) and the input parts of 12 (a scenario with a byte-order mark, 1e309, data.dir).
 */

const TINY = join(ROOT, "test", "fixtures", "movielens-tiny");

/** A copy of the tiny MovieLens fixture with ratings.csv replaced. */
function release(ratings: string | Buffer): string {
  const dir = join(tempDir("release"), "ml");
  cpSync(TINY, dir, { recursive: true });
  writeFileSync(join(dir, "ratings.csv"), ratings);
  return dir;
}

const replay = (data: string) => cliInProcess(["replay", "--data", data, "--out", join(tempDir("replay"), "out"), "--components", "popularity,random", "--policies", "popularity,static"]);
const movielensRun = (data: string) => cliInProcess(["run", "--scenario", "movielens", "--data", data, "--rounds", "3", "--out", join(tempDir("ml-run"), "out")]);

describe("empty or truncated data is refused (item 7)", () => {
  const header = "userId,movieId,rating,timestamp\r\n";

  it("a ratings.csv with only its header: run and replay refuse it, naming the file", async () => {
    const data = release(header);
    const ratings = join(data, "ratings.csv");
    expectUsageError(await movielensRun(data), `${ratings}:1: no ratings: the table has no rows`);
    expectUsageError(await replay(data), `${ratings}:1: no ratings: the table has no rows`);
  });

  it("a ratings.csv cut in the middle of its last line is refused, naming the line", async () => {
    const full = readFileSync(join(TINY, "ratings.csv"), "utf8");
    const cut = full.slice(0, full.length - 7);
    const line = cut.split("\n").length;
    const data = release(cut);
    expectUsageError(await replay(data), `${join(data, "ratings.csv")}:${line}: the last line has no line break: the file looks cut short`);
  });

  it("ratings with no positive event among those replayed: nothing to evaluate", async () => {
    const data = release(header + "1,9,3.0,1000000000\r\n1,15,2.5,1000000001\r\n");
    expectUsageError(await replay(data), "no rating ≥ 4 among the 2 ratings replayed: there is nothing to evaluate");
  });

  it("metrics with a header-only truth or predictions file", async () => {
    const dir = tempDir("metrics-empty");
    const [truth, pred, empty] = ["truth.csv", "pred.csv", "empty.csv"].map((f) => join(dir, f));
    writeFileSync(truth, "userID,itemID,rating\nu1,a,5\n");
    writeFileSync(pred, "userID,itemID,prediction\nu1,a,0.9\n");
    writeFileSync(empty, "userID,itemID,rating\n");
    expectUsageError(await cliInProcess(["metrics", "--truth", empty, "--pred", pred, "--k", "1"]), `${empty}:2: no rows after the header 'userID,itemID,rating': the table is empty`);
    writeFileSync(empty, "userID,itemID,prediction\n");
    expectUsageError(await cliInProcess(["metrics", "--truth", truth, "--pred", empty, "--k", "1"]), `${empty}:2: no rows after the header`);
  });
});

describe("metrics keeps distinct ids distinct and headers unambiguous (item 8)", () => {
  it("a byte that is not UTF-8 is an error naming the file, line and column, not a U+FFFD that merges \\xff1 with \\xfe1", async () => {
    const dir = tempDir("utf8");
    const truth = join(dir, "truth.csv");
    const pred = join(dir, "pred.csv");
    writeFileSync(truth, Buffer.concat([Buffer.from("userID,itemID,rating\nu1,"), Buffer.from([0xff, 0x31]), Buffer.from(",5\n")]));
    writeFileSync(pred, Buffer.concat([Buffer.from("userID,itemID,prediction\nu1,"), Buffer.from([0xfe, 0x31]), Buffer.from(",0.9\n")]));
    expectUsageError(await cliInProcess(["metrics", "--truth", truth, "--pred", pred, "--k", "1"]), `${truth}:2: not UTF-8: bytes ff 31 2c 35 at column 4 (save the file as UTF-8)`);
  });

  it("a header naming a column twice", async () => {
    const dir = tempDir("dup-header");
    const truth = join(dir, "truth.csv");
    const pred = join(dir, "pred.csv");
    writeFileSync(truth, "userID,itemID,rating,rating\nu1,a,5,1\n");
    writeFileSync(pred, "userID,itemID,prediction\nu1,a,0.9\n");
    expectUsageError(await cliInProcess(["metrics", "--truth", truth, "--pred", pred, "--k", "1"]), `${truth}:1: column 'rating' appears twice in the header`);
  });

  it("MovieLens files are strict UTF-8 too, naming the line", async () => {
    const data = release(Buffer.concat([Buffer.from("userId,movieId,rating,timestamp\n1,9,4.0,"), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]));
    expectUsageError(await replay(data), `${join(data, "ratings.csv")}:2: not UTF-8: bytes c3 28 0a at column 9`);
  });
});

describe("scenario files (item 12)", () => {
  it("a scenario with a byte-order mark is read like one without (as CSV files are)", async () => {
    const dir = tempDir("bom");
    const file = join(dir, "bom.json");
    writeFileSync(file, "\uFEFF" + JSON.stringify({ world: { users: 40, items: 100 }, run: { rounds: 3 } }));
    const r = await cliInProcess(["run", "--scenario", file, "--out", join(dir, "out")]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "out", "config.json"), "utf8")).world.users).toBe(40);
  });

  it('"users": 1e309 is reported as Infinity, not null', async () => {
    const dir = tempDir("inf");
    const file = join(dir, "inf.json");
    writeFileSync(file, '{"world": {"users": 1e309}}');
    expectUsageError(await cliInProcess(["run", "--scenario", file, "--out", join(dir, "out")]), "world.users: expected a number, got Infinity");
  });

  it("a data.dir written in a scenario file is relative to the file, not to the working directory", async () => {
    const dir = tempDir("data-dir");
    cpSync(TINY, join(dir, "ml"), { recursive: true });
    const file = join(dir, "mine.json");
    writeFileSync(file, JSON.stringify({ data: { source: "movielens", dir: "ml" }, recommender: { components: ["popularity", "random"] }, run: { rounds: 3 } }));
    expect(existsSync(join(process.cwd(), "ml"))).toBe(false);
    const r = await cliInProcess(["run", "--scenario", file, "--out", join(dir, "out")]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "out", "config.json"), "utf8")).data.dir).toBe(join(dir, "ml"));
  });
});

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatCsv, splitCsvLine } from "../lib/io/csv.js";
import { cliInProcess, read, ROOT, tempDir } from "./support/cli.js";

const TINY = join(ROOT, "test/fixtures/movielens-tiny");

/** The rows of a csv file of the tiny fixture, header dropped, fields split (a quoted title may hold commas). */
function rows(file: string): string[][] {
  const lines = readFileSync(join(TINY, file), "utf8").trim().split("\n").slice(1);
  return lines.map((line, j) => splitCsvLine(line, file, j + 2));
}

/** The tiny fixture written as ml-latest-small (csv) and as the '::' releases: ml-10m (tags.dat) or ml-1m (users.dat, whole stars, no tags). */
function release(format: "csv" | "ml-10m" | "ml-1m", wholeStars: boolean, withTags: boolean): string {
  const dir = tempDir(`formats-${format}`);
  const ratings = rows("ratings.csv").map(([u, m, r, t]) => [u, m, wholeStars ? String(Math.ceil(Number(r))) : r, t]);
  const tags = withTags ? rows("tags.csv") : [];
  const movies = rows("movies.csv");
  if (format === "csv") {
    writeFileSync(join(dir, "movies.csv"), formatCsv(["movieId", "title", "genres"], movies));
    writeFileSync(join(dir, "ratings.csv"), formatCsv(["userId", "movieId", "rating", "timestamp"], ratings));
    writeFileSync(join(dir, "tags.csv"), formatCsv(["userId", "movieId", "tag", "timestamp"], tags));
    return dir;
  }
  const dat = (data: string[][]) => data.map((r) => r.join("::")).join("\n") + "\n";
  writeFileSync(join(dir, "movies.dat"), dat(movies));
  writeFileSync(join(dir, "ratings.dat"), dat(ratings));
  if (format === "ml-10m") writeFileSync(join(dir, "tags.dat"), dat(tags));
  else writeFileSync(join(dir, "users.dat"), dat([...new Set(ratings.map((r) => r[0]))].map((u) => [u, "F", "25", "0", "00000"])));
  return dir;
}

const REPLAY_FILES = ["replay.csv", "summary.csv", "weights.csv", "windows.csv", "held-out.csv", "differences.csv"];

/** The same ratings in each release's format give the same replay and the same calibrated world. */
describe("MovieLens formats: ml-latest-small, ml-10m and ml-1m", () => {
  for (const [format, wholeStars, withTags] of [["ml-10m", false, true], ["ml-1m", true, false]] as const) {
    it(`${format}: the replay and the movielens scenario's run are those of the same data as csv`, async () => {
      const csv = release("csv", wholeStars, withTags);
      const dat = release(format, wholeStars, withTags);
      const replay = ["replay", "--components", "popularity,item-cf,content", "--encoder", "hashing", "--window", "10"];
      const run = ["run", "--scenario", "movielens", "--rounds", "4", "--set", "recommender.components=popularity,item-cf"];
      const outs: Record<string, string> = {};
      for (const [name, dir] of [["csv", csv], [format, dat]]) {
        for (const [what, args] of [["replay", replay], ["run", run]] as const) {
          const out = (outs[`${what}-${name}`] = tempDir(`formats-${what}-${name}`));
          const r = await cliInProcess([...args, "--data", dir, "--out", out, "--force"]);
          expect(r.code, r.stderr).toBe(0);
        }
      }
      for (const f of REPLAY_FILES) {
        const strip = (text: string) => (f === "summary.csv" ? text.replace(/,[\d.]+$/gm, "") : text);
        expect(strip(read(outs[`replay-${format}`], f)), f).toBe(strip(read(outs["replay-csv"], f)));
      }
      expect(read(outs[`run-${format}`], "rounds.csv")).toBe(read(outs["run-csv"], "rounds.csv"));
      expect(read(outs[`run-${format}`], "weights.csv")).toBe(read(outs["run-csv"], "weights.csv"));
      // the data are not trivial: the replay scored events and the tags reached (or stayed out of) the items' text
      expect(read(outs["replay-csv"], "summary.csv").split("\n")[1]).toMatch(/^popularity,[1-9]\d*,/);
      expect(JSON.parse(read(outs[`replay-${format}`], "config.json")).data).toBe(dat);
    }, 60_000);
  }
});

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readMovieLens } from "../cli/movielens.js";
import { CsvError } from "../lib/io/csv.js";
import { linesOf } from "../lib/data/lines.js";
import { parseMovieLens, type MovieLensSources } from "../lib/data/movielens.js";
import { titleYear } from "../lib/data/movies.js";
import type { MovieLensDataset } from "../lib/data/dataset.js";
import { ROOT, tempDir } from "./support/cli.js";

const TINY = join(ROOT, "test/fixtures/movielens-tiny");
const SMALL = join(ROOT, "../shared/data/ml-latest-small");

function textSources(files: Record<string, string>, format: "csv" | "dat" = "csv"): MovieLensSources {
  const source = (name: string) => ({ file: name, open: () => linesOf(files[name]) });
  const ext = `.${format}`;
  return {
    format,
    movies: source(`movies${ext}`),
    ratings: source(`ratings${ext}`),
    ...(files[`tags${ext}`] !== undefined ? { tags: source(`tags${ext}`) } : {}),
    ...(files[`users${ext}`] !== undefined ? { users: source(`users${ext}`) } : {}),
  };
}

const MOVIES = 'movieId,title,genres\r\n1,"Lighthouse, The (1987)",Drama|Mystery\r\n2,Iron Comet (1999),Action|Sci-Fi\r\n3,Untitled Reel,(no genres listed)\r\n';

describe("MovieLens CSV loader", () => {
  it("reads the fixture: quoted titles, CRLF, genres, years, time order with ties in file order", async () => {
    const d = await readMovieLens(TINY);
    expect(d.format).toBe("csv");
    expect(d.movies).toHaveLength(20);
    expect(d.ratings.count).toBe(99);
    expect(d.tags.count).toBe(5);
    expect(Array.from(d.userIds)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(d.movies[1]).toEqual({ id: 2, title: "Lighthouse, The (1987)", year: 1987, genres: ["Drama", "Mystery"] });
    expect(d.movies[8].title).toBe('"Nightfall" at Pier 9 (2005)');
    expect(d.movies[18]).toEqual({ id: 25, title: "Untitled Reel", year: null, genres: [] });
    expect(d.tags.tag).toContain("tearjerker, quiet");
    for (let j = 1; j < d.ratings.count; j++) expect(d.ratings.timestamp[j]).toBeGreaterThanOrEqual(d.ratings.timestamp[j - 1]);
    // The first two ratings share a timestamp and keep their file order (movies 9 then 15).
    expect([d.movies[d.ratings.movie[0]].id, d.movies[d.ratings.movie[1]].id]).toEqual([9, 15]);
    expect(d.ratings.timestamp[0]).toBe(d.ratings.timestamp[1]);
  });

  it("sorts ratings by timestamp and maps user ids densely in ascending order", async () => {
    const ratings = "userId,movieId,rating,timestamp\n9,2,4.5,300\n4,1,3.0,100\n9,3,5.0,100\n";
    const d = await parseMovieLens(textSources({ "movies.csv": MOVIES, "ratings.csv": ratings }));
    expect(Array.from(d.userIds)).toEqual([4, 9]);
    expect(Array.from(d.ratings.user)).toEqual([0, 1, 1]);
    expect(Array.from(d.ratings.movie)).toEqual([0, 2, 1]);
    expect(Array.from(d.ratings.rating)).toEqual([3, 5, 4.5]);
    expect(Array.from(d.ratings.timestamp)).toEqual([100, 100, 300]);
  });

  it("takes the year from a title's trailing parentheses only", () => {
    expect(titleYear("Toy Story (1995)")).toBe(1995);
    expect(titleYear("Babylon 5")).toBeNull();
    expect(titleYear("Fawlty Towers (1975–1979)")).toBe(1975);
    expect(titleYear("1984 (1984) ")).toBe(1984);
  });

  const malformed: [string, Record<string, string>, RegExp][] = [
    ["a rating outside 0.5–5", { "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,10\n1,2,6.0,11\n" }, /^ratings\.csv:3: rating: 6\.0 is not a star rating/],
    ["a missing field", { "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,10\n2,1,4.0\n" }, /^ratings\.csv:3: expected 4 fields \(userId,movieId,rating,timestamp\), found 3/],
    ["an unknown movie", { "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,10\n\n1,77,4.0,12\n" }, /^ratings\.csv:4: movieId 77 is not in movies\.csv/],
    ["a non-integer timestamp", { "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,soon\n" }, /^ratings\.csv:2: timestamp: 'soon' is not an integer/],
    ["a wrong header", { "ratings.csv": "user,movie,rating,timestamp\n1,1,4.0,10\n" }, /^ratings\.csv:1: expected the header 'userId,movieId,rating,timestamp'/],
    ["an unterminated quote in movies", { "movies.csv": 'movieId,title,genres\n1,"Open (1990),Drama\n', "ratings.csv": "userId,movieId,rating,timestamp\n" }, /^movies\.csv:2: unterminated quoted field/],
    ["a duplicate movie id", { "movies.csv": "movieId,title,genres\n1,A (1990),Drama\n1,B (1991),Drama\n", "ratings.csv": "userId,movieId,rating,timestamp\n" }, /^movies\.csv:3: movieId 1 is listed twice \(first on line 2\)/],
    ["a tag on an unknown movie", { "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,10\n", "tags.csv": "userId,movieId,tag,timestamp\n1,5,fun,10\n" }, /^tags\.csv:2: movieId 5 is not in movies\.csv/],
  ];
  for (const [what, files, message] of malformed) {
    it(`rejects ${what} with the file and line, and returns no dataset`, async () => {
      let dataset: MovieLensDataset | undefined;
      const error = await parseMovieLens(textSources({ "movies.csv": MOVIES, ...files }))
        .then((d) => {
          dataset = d;
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CsvError);
      expect((error as Error).message).toMatch(message);
      expect(dataset).toBeUndefined();
    });
  }

  it("reports a malformed line deep in a file on disk with its path and line number", async () => {
    const dir = tempDir("ml-bad");
    const lines = readFileSync(join(TINY, "ratings.csv"), "utf8").split("\r\n");
    lines[57] = "3,10,four,1000400000";
    writeFileSync(join(dir, "ratings.csv"), lines.join("\r\n"));
    writeFileSync(join(dir, "movies.csv"), readFileSync(join(TINY, "movies.csv")));
    const error = await readMovieLens(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvError);
    expect((error as Error).message).toBe(`${join(dir, "ratings.csv")}:58: rating: 'four' is not a number`);
  });
});

describe("MovieLens ml-10m '::' format", () => {
  // ml-10M100K: UTF-8 .dat files, half-star ratings, tags.dat with free text (which may itself hold ':')
  const movies = "1::Toy Story (1995)::Adventure|Animation|Children|Comedy|Fantasy\n122::Boomerang (1992)::Comedy|Romance\n";
  const ratings = "1::122::5::838985046\n1::1::3.5::838983525\n7::1::4.5::1049764487\n";
  const tags = "15::1::pixar: animation::1138537770\n7::122::eddie murphy::1188263867\n";

  it("parses ratings.dat with half stars, movies.dat and tags.dat (a ':' inside a tag is text)", async () => {
    const d = await parseMovieLens(textSources({ "movies.dat": movies, "ratings.dat": ratings, "tags.dat": tags }, "dat"));
    expect(d.format).toBe("dat");
    expect(d.movies.map((m) => [m.id, m.year])).toEqual([[1, 1995], [122, 1992]]);
    expect(Array.from(d.ratings.rating)).toEqual([3.5, 5, 4.5]);
    expect(Array.from(d.ratings.timestamp)).toEqual([838983525, 838985046, 1049764487]);
    expect(Array.from(d.userIds)).toEqual([1, 7, 15]);
    expect(d.tags.tag).toEqual(["pixar: animation", "eddie murphy"]);
    expect(Array.from(d.tags.user)).toEqual([2, 1]);
    expect(Array.from(d.tags.movie)).toEqual([0, 1]);
  });
});

describe("MovieLens ml-1m '::' format", () => {
  const movies = "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Cit\xe9 des enfants perdus, La (1995)::Adventure|Sci-Fi\n";
  const ratings = "1::2::5::978300760\n1::1::3::978302109\n2::1::4::978298413\n";
  const users = "1::F::1::10::48067\n2::M::56::16::70072\n";

  it("parses ratings.dat, movies.dat and users.dat", async () => {
    const d = await parseMovieLens(textSources({ "movies.dat": movies, "ratings.dat": ratings, "users.dat": users }, "dat"));
    expect(d.format).toBe("dat");
    expect(d.movies.map((m) => m.id)).toEqual([1, 2]);
    expect(d.movies[0].genres).toEqual(["Animation", "Children's", "Comedy"]);
    expect(Array.from(d.ratings.timestamp)).toEqual([978298413, 978300760, 978302109]);
    expect(Array.from(d.ratings.user)).toEqual([1, 0, 0]);
    expect(Array.from(d.ratings.movie)).toEqual([0, 1, 0]);
    expect(d.demographics).toEqual([
      { gender: "F", age: 1, occupation: 10, zip: "48067" },
      { gender: "M", age: 56, occupation: 16, zip: "70072" },
    ]);
  });

  it("reads a Latin-1 movies.dat from disk and names the line of a bad '::' record", async () => {
    const dir = tempDir("ml-1m");
    writeFileSync(join(dir, "movies.dat"), Buffer.from(movies, "latin1"));
    writeFileSync(join(dir, "ratings.dat"), ratings);
    writeFileSync(join(dir, "users.dat"), users);
    const d = await readMovieLens(dir);
    expect(d.movies[1].title).toBe("Cité des enfants perdus, La (1995)");
    writeFileSync(join(dir, "ratings.dat"), ratings + "2::2::4\n");
    const error = await readMovieLens(dir).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${join(dir, "ratings.dat")}:4: expected 4 fields (UserID::MovieID::Rating::Timestamp), found 3`);
  });
});

describe.skipIf(!existsSync(SMALL))("ml-latest-small from ../shared/data", () => {
  it("has the documented counts", async () => {
    const d = await readMovieLens(SMALL);
    expect([d.ratings.count, d.userIds.length, d.movies.length, d.tags.count]).toEqual([100836, 610, 9742, 3683]);
    expect(new Set(d.ratings.movie).size).toBe(9724);
    expect(d.ratings.timestamp[0]).toBe(828124615);
  });
});

import "./support/backend.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadVocabulary } from "../cli/files.js";
import { readMovieLens } from "../cli/movielens.js";
import { prepareWorld } from "../cli/world-source.js";
import { calibrateWorld } from "../lib/data/calibrated-world.js";
import { linesOf } from "../lib/data/lines.js";
import { parseMovieLens } from "../lib/data/movielens.js";
import { fitTopicFactors } from "../lib/data/topic-factors.js";
import { ConfigError } from "../lib/config/error.js";
import { runScenario } from "../lib/simulation/run.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { World } from "../lib/world/world.js";
import { Stream } from "../lib/random/stream.js";
import { cli, ROOT, tempDir } from "./support/cli.js";
import { builtin } from "./support/scenario.js";

const TINY = join(ROOT, "test/fixtures/movielens-tiny");
const LIGHT = ["recommender.components=popularity,item-cf", "run.rounds=4", "world.topics=4", "world.favouriteTopics=1", "world.activeFraction=1"];

describe("topic factors and the calibrated world", () => {
  it("anchors topics to the most common genres and explains who rated what better than popularity", async () => {
    const data = await readMovieLens(TINY);
    const f = fitTopicFactors(data, { topics: 4 });
    expect(f.anchors).toEqual(["Drama", "Romance", "Sci-Fi", "Action"]);
    expect(f.logLikelihood).toBeGreaterThan(f.popularityLogLikelihood);
    for (let u = 0; u < data.userIds.length; u++) expect(f.userTopics.subarray(u * 4, u * 4 + 4).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it("gives each user the topics of the genres they watch", async () => {
    const movies = ["Drama", "Drama", "Drama|Romance", "Romance", "Action", "Action|Sci-Fi", "Sci-Fi", "Action"];
    const ratings: string[] = [];
    for (let u = 1; u <= 8; u++) for (let m = 1; m <= 8; m++) if ((u <= 4) === (m <= 4) && (u + m) % 4 !== 0) ratings.push(`${u},${m},${1 + ((u * m) % 5)}.0,${u * 100 + m}`);
    const source = (file: string, text: string) => ({ file, open: () => linesOf(text) });
    const data = await parseMovieLens({
      format: "csv",
      movies: source("movies.csv", "movieId,title,genres\n" + movies.map((g, i) => `${i + 1},Film ${i + 1} (2000),${g}`).join("\n")),
      ratings: source("ratings.csv", "userId,movieId,rating,timestamp\n" + ratings.join("\n")),
    });
    const f = fitTopicFactors(data, { topics: 4 });
    expect(f.anchors).toEqual(["Action", "Drama", "Romance", "Sci-Fi"]);
    const share = (u: number, genres: number[]) => genres.reduce((s, k) => s + f.userTopics[u * 4 + k], 0);
    for (let u = 0; u < 4; u++) expect(share(u, [1, 2])).toBeGreaterThan(0.85);
    for (let u = 4; u < 8; u++) expect(share(u, [0, 3])).toBeGreaterThan(0.85);
  });

  it("builds items on the simplex in arrival order, with the data's text, and users with log-interest logits", async () => {
    const data = await readMovieLens(TINY);
    const config = builtin("movielens", LIGHT);
    const world = calibrateWorld(data, { ...config.world, users: 8, items: 20 }, 4, loadVocabulary(2));
    const { items, users } = world;
    expect(items.count).toBe(20);
    for (let i = 0; i < items.count; i++) {
      const row = Array.from(items.features.subarray(i * 4, i * 4 + 4));
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      expect(row.every((v) => v === 0 || v >= 0.05)).toBe(true);
      expect(items.mainTopic[i]).toBe(row.indexOf(Math.max(...row)));
      if (i > 0) expect(items.arrival[i]).toBeGreaterThanOrEqual(items.arrival[i - 1]);
    }
    expect(items.title[0]).toBe("Marble Saints (1985)");
    expect(items.text[world.movieOf.indexOf(0)]).toBe("The Glass Orchard. year 1994. genres drama, romance. tags slow burn");
    expect(world.vocabulary.topics.map((t) => t.name)).toEqual(["drama", "romance", "sci-fi", "action"]);
    expect(world.vocabulary.topics.map((t) => t.context)).toEqual(["evening", "evening", "weekend", "weekend"]);
    expect(users.count).toBe(8);
    expect(users.activity.reduce((s, v) => s + v, 0) / 8).toBeCloseTo(1, 12);
    expect(Array.from(users.arrival)).toEqual([0, 0, 0, 0, 1, 1, 2, 3]);
  });

  it("runs the movielens scenario on the calibrated world, and refuses to run it without data", async () => {
    const { config, vocabulary, source } = await prepareWorld(builtin("movielens", LIGHT), TINY);
    expect([config.world.users, config.world.items, config.data.dir]).toEqual([8, 20, TINY]);
    const { records, simulation } = runScenario(config, vocabulary, { source });
    expect(records).toHaveLength(4);
    expect(simulation.world.items.title).toEqual(source!.items.title);
    expect(records.every((r) => Math.abs(r.weights.reduce((s, w) => s + w, 0) - 1) < 1e-9)).toBe(true);
    expect(() => new Simulation(builtin("movielens", LIGHT), vocabulary)).toThrow(ConfigError);
    expect(() => new Simulation(builtin("movielens", LIGHT), vocabulary)).toThrow(/data\.source: 'movielens' needs its data loaded .*drift-lab data fetch movielens/);
  });

  it("a world source must match the configured sizes", async () => {
    const { config, vocabulary, source } = await prepareWorld(builtin("movielens", LIGHT), TINY);
    expect(() => new World({ ...config.world, items: 21 }, vocabulary, 4, new Stream(1), source)).toThrow(/do not match world\.items 21/);
  });
});

describe("drift-lab run --scenario movielens", () => {
  it("reads --data DIR and records the directory and sizes in config.json", async () => {
    const out = tempDir("ml-run");
    const r = await cli(["run", "--scenario", "movielens", "--data", TINY, "--rounds", "3", "--set", "recommender.components=popularity,item-cf", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(out, "config.json"), "utf8"));
    expect(config.data).toEqual({ source: "movielens", dir: TINY });
    expect([config.world.users, config.world.items]).toEqual([8, 20]);
    expect(readFileSync(join(out, "rounds.csv"), "utf8").trim().split("\n")).toHaveLength(4);
  });

  it("without the data: one line naming drift-lab data fetch movielens, exit 2", async () => {
    const r = await cli(["run", "--scenario", "movielens", "--data", join(ROOT, "no-such-dir"), "--out", tempDir("ml-none")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^drift-lab: --data .*no-such-dir: no MovieLens ratings\.csv or ratings\.dat there; run `drift-lab data fetch movielens`/);
  });
});

import { describe, expect, it } from "vitest";
import { coldStartNdcg, coldStartQueries } from "../lib/language/cold-start.js";
import { retrievalPrecision } from "../lib/language/retrieval.js";
import { surfaceOverlap } from "../lib/language/surface-overlap.js";
import { topicQueries } from "../lib/language/topic-queries.js";
import { Stream } from "../lib/random/stream.js";
import { worldItems } from "../lib/simulation/world-corpus.js";
import { World } from "../lib/world/world.js";
import { builtin, vocabulary } from "./support/scenario.js";

const config = builtin("baseline", ["world.items=240", "world.users=30", "run.seed=2"]);
const v = vocabulary(config);
const T = config.world.topics;
const items = worldItems(config, v);
/** A perfect reader of topics: one-hot vectors of the text's topic (the main topic for items). */
const oneHot = (topics: ArrayLike<number>) => {
  const out = new Float32Array(topics.length * T);
  for (let i = 0; i < topics.length; i++) out[i * T + topics[i]] = 1;
  return out;
};

describe("single-topic queries", () => {
  it("ask the same catalogue phrases at every rate, only worded differently", () => {
    const at = (rate: number) => topicQueries(v, T, 5, rate, new Stream(1), new Stream(2));
    const [zero, one] = [at(0), at(1)];
    expect(zero.map((q) => q.topic)).toEqual(one.map((q) => q.topic));
    expect(zero.filter((q, j) => q.text !== one[j].text).length).toBeGreaterThan(zero.length * 0.9);
    for (const q of zero) expect(v.topics[q.topic].phrases.some((p) => q.text.startsWith(p))).toBe(true);
  });
});

describe("query→item retrieval precision@k", () => {
  it("is 1 for a perfect topic reader and the topic's share of the catalogue for a constant one", () => {
    const queries = topicQueries(v, T, 4, 0.5, new Stream(1), new Stream(2));
    const topics = queries.map((q) => q.topic);
    const fewest = Math.min(...Array.from({ length: T }, (_, t) => items.mainTopic.filter((x) => x === t).length));
    expect(fewest).toBeGreaterThanOrEqual(5);
    expect(retrievalPrecision(oneHot(topics), topics, oneHot(items.mainTopic), items.mainTopic, T, 5)).toBe(1);
    // all scores tie: the first 10 items (by id) are returned for every query
    const flat = new Float32Array(queries.length * T).fill(1);
    const first10 = Array.from(items.mainTopic.subarray(0, 10));
    const expected = topics.reduce((s, t) => s + first10.filter((x) => x === t).length / 10, 0) / topics.length;
    expect(retrievalPrecision(flat, topics, new Float32Array(items.count * T).fill(1), items.mainTopic, T, 10)).toBeCloseTo(expected, 12);
  });
});

describe("surface overlap", () => {
  it("counts shared tokens: Jaccard, disjoint pairs and exact-token retrieval", () => {
    const s = surfaceOverlap([{ text: "rocket launch", topic: 0 }], ["rocket launch window", "jazz piano", "big rocket"], [0, 1, 0], 2);
    expect(s.jaccard).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
    expect(s.disjoint).toBe(0);
    expect(s.precision).toBe(1);
    const t = surfaceOverlap([{ text: "spaceship taking off", topic: 0 }], ["rocket launch window", "jazz piano"], [0, 1], 1);
    expect(t).toEqual({ jaccard: 0, disjoint: 1, precision: 1 });
  });
});

describe("content on cold start", () => {
  it("scores an oracle profile (the user's own true utilities as the query vectors) at NDCG 1, and queries of one user line up", () => {
    const world = new World(config.world, v, config.run.rounds, new Stream(config.run.seed));
    const { items: n, users } = world.advance();
    const queries = coldStartQueries(world, v, 2, 0.5, new Stream(3), new Stream(4));
    expect(queries).toHaveLength(2 * users);
    // items as unit vectors, each query of user u the user's utility row: the profile ranks by true utility
    const truth = world.utilities(Int32Array.from({ length: users }, (_, u) => u), n);
    const eye = new Float32Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    const perUser = new Float32Array(2 * users * n);
    for (let u = 0; u < users; u++) for (let j = 0; j < 2; j++) perUser.set(truth.subarray(u * n, (u + 1) * n), (2 * u + j) * n);
    expect(coldStartNdcg(world, perUser, 2, eye, n, 10)).toBeCloseTo(1, 12);
  });
});

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readMovieLens } from "../cli/movielens.js";
import type { MovieLensDataset } from "../lib/data/dataset.js";
import { linesOf } from "../lib/data/lines.js";
import { parseMovieLens } from "../lib/data/movielens.js";
import { replaySettings } from "../lib/data/replay-config.js";
import { replayPolicySpecs } from "../lib/data/replay-policies.js";
import { DEFAULT_REPLAY_OPTIONS, Replay, type ReplayOptions } from "../lib/data/replay.js";
import { Stream } from "../lib/random/stream.js";
import { ROOT } from "./support/cli.js";

const TINY = join(ROOT, "test/fixtures/movielens-tiny");

function replay(data: MovieLensDataset, components: string[], policies: string[], options: Partial<ReplayOptions> = {}) {
  const { specs } = replayPolicySpecs(policies, components, ["static", "ema"]);
  const r = new Replay(data, { components, policies: specs, componentOptions: { popularity: { decay: 0.9995 } }, ...options });
  try {
    return { replay: r, result: r.run() };
  } finally {
    r.dispose();
  }
}

/** Index of each window's first positive rating: the 1st, 11th, 21st, … rating of 4 stars or more (hand check below). */
const FROM = [2, 29, 48, 64, 90];

/** The hand check's first twelve hits (k = 3): also written out so that a change to the check itself shows. */
const HAND_FIRST_12 = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

const pick = <T extends { policy: string; window: number }>(rows: T[], policy: string, windows: number) => rows.filter((s) => s.policy === policy && s.window < windows);

describe("replay golden: the first windows on test/fixtures/movielens-tiny", () => {
  it("pins hit@10, NDCG@10 and the ema weights of windows 0–2 (seed 1, popularity + random, α 0.1, τ 0.05)", async () => {
    const data = await readMovieLens(TINY);
    const policy = { ...DEFAULT_REPLAY_OPTIONS.policy, alpha: 0.1, simplex: { ...DEFAULT_REPLAY_OPTIONS.policy.simplex, temperature: 0.05 } };
    const { replay: r, result } = replay(data, ["popularity", "random"], ["popularity", "random", "static", "ema"], { windowEvents: 10, negatives: 4, policy });
    expect([r.batches, result.ratings]).toEqual([69, 99]);
    expect(result.windows).toEqual([
      { window: 0, start: 1000000185, end: 1000263297, events: 10, from: FROM[0] },
      { window: 1, start: 1000263954, end: 1000526674, events: 10, from: FROM[1] },
      { window: 2, start: 1000526674, end: 1000701821, events: 10, from: FROM[2] },
      { window: 3, start: 1000702085, end: 1001137671, events: 10, from: FROM[3] },
      { window: 4, start: 1001224437, end: 1001312468, events: 4, from: FROM[4] },
    ]);
    const scores = (policy: string) => pick(result.scores, policy, 3).map((s) => [s.hit, +s.ndcg.toFixed(6)]);
    expect(scores("popularity")).toEqual([[0.6, 0.276177], [0.7, 0.282337], [0.8, 0.316367]]);
    expect(scores("random")).toEqual([[0.9, 0.356518], [0.6, 0.20449], [0.7, 0.215536]]);
    expect(scores("static")).toEqual([[0.8, 0.311962], [0.5, 0.255092], [0.7, 0.254865]]);
    expect(scores("ema")).toEqual([[0.7, 0.268176], [0.6, 0.295318], [0.7, 0.269803]]);
    const weights = pick(result.weights, "ema", 3).map((w) => +w.weight.toFixed(6));
    expect(weights).toEqual([0.511998, 0.488002, 0.763689, 0.236311, 0.75354, 0.24646]);
    expect(result.summary.map((s) => s.events)).toEqual([44, 44, 44, 44]);
  });
});

const MOVIES = "movieId,title,genres\n" + Array.from({ length: 12 }, (_, i) => `${i + 1},Film ${i + 1} (1990),Drama`).join("\n") + "\n";

async function dataset(ratings: string): Promise<MovieLensDataset> {
  const source = (file: string, text: string) => ({ file, open: () => linesOf(text) });
  return parseMovieLens({ format: "csv", movies: source("movies.csv", MOVIES), ratings: source("ratings.csv", "userId,movieId,rating,timestamp\n" + ratings) });
}

/** Hit (k = 1) of each positive event, one window per event, ranking by popularity alone. */
async function hits(ratings: string): Promise<number[]> {
  const { result } = replay(await dataset(ratings), ["popularity"], ["popularity"], { k: 1, windowEvents: 1 });
  return result.scores.map((s) => s.hit);
}

describe("replay is prequential", () => {
  it("recommends from what the user has not rated, with what was learned from earlier events", async () => {
    const h = await hits(
      [
        "1,1,5.0,100", // user 1 likes film 1 (nothing learned yet)
        "2,1,4.5,200", // film 1 is now the most popular: a hit for user 2
        "4,3,2.0,210", // a low rating: not an event, and film 3 gets no popularity
        "3,2,4.0,250", // film 1 (2 positives) is recommended to user 3, who rated film 2: a miss
        "1,2,4.0,300", // user 1 already rated film 1, so film 2 (1 positive) comes first: a hit
      ].join("\n"),
    );
    expect(h.slice(1)).toEqual([1, 0, 1]);
  });

  it("ratings that share a timestamp are recommended for before any of them is learned", async () => {
    const apart = await hits("9,7,4.0,50\n1,5,4.0,100\n2,5,4.0,101\n3,5,4.0,102\n");
    const together = await hits("9,7,4.0,50\n1,5,4.0,100\n2,5,4.0,100\n3,5,4.0,100\n");
    expect(apart.slice(1)).toEqual([0, 1, 1]);
    expect(together.slice(1)).toEqual([0, 0, 0]);
  });
});

describe("replay golden: an independent hand check of the first events", () => {
  /**
   * Popularity alone, k = 3, one window per positive event, recomputed here from the ratings without the replay:
   * batches are runs of equal timestamps; before each batch's events are learned, every count is multiplied by the
   * decay (0.9995), then each rating of 4+ adds 1 and each 5 adds 1 more; candidates are the movies present (rated
   * by someone, or 1 January of their title's year passed, by the batch's last timestamp) that the user has not
   * rated before the event (in an earlier batch, or earlier in this one). Equal counts are ordered by the replay's
   * documented tie-break: 10⁻⁶ × a uniform draw per item from the seed's "replay/tie-break" stream, items numbered
   * in order of arrival (the earlier of first rating and 1 January of the year; ties by movie order).
   */
  it("every event's hit matches the hand computation (popularity, k = 3, seed 1)", async () => {
    const data = await readMovieLens(TINY);
    const k = 3;
    const { result } = replay(data, ["popularity"], ["popularity"], { k, windowEvents: 1 });
    const r = data.ratings;
    const M = data.movies.length;
    const yearStart = data.movies.map((m) => (m.year === null ? Infinity : Date.UTC(m.year, 0, 1) / 1000));
    const arrival = yearStart.slice();
    for (let j = 0; j < r.count; j++) arrival[r.movie[j]] = Math.min(arrival[r.movie[j]], r.timestamp[j]);
    const byArrival = data.movies.map((_, m) => m).sort((a, b) => (arrival[a] === arrival[b] ? a - b : arrival[a] - arrival[b]));
    const draws = new Stream(1).fork("replay/tie-break");
    const jitter = new Array<number>(M);
    for (const m of byArrival) jitter[m] = Math.fround(1e-6 * draws.next());
    const counts = new Array<number>(M).fill(0);
    const rated = new Set<string>();
    const expected: number[] = [];
    const positives: number[] = [];
    for (let start = 0; start < r.count; ) {
      let end = start + 1;
      while (end < r.count && r.timestamp[end] === r.timestamp[start]) end++;
      const last = r.timestamp[end - 1];
      const earlier = new Set<string>();
      for (let j = start; j < end; j++) {
        const u = r.user[j];
        const target = r.movie[j];
        if (r.rating[j] >= 4) {
          positives.push(j);
          const ranked = data.movies
            .map((_, m) => m)
            .filter((m) => arrival[m] <= last && !rated.has(`${u}:${m}`) && !earlier.has(`${u}:${m}`))
            .sort((a, b) => counts[b] - counts[a] || jitter[b] - jitter[a] || byArrival.indexOf(a) - byArrival.indexOf(b));
          expected.push(ranked.slice(0, k).includes(target) ? 1 : 0);
        }
        earlier.add(`${u}:${target}`);
      }
      for (let m = 0; m < M; m++) counts[m] *= 0.9995;
      for (let j = start; j < end; j++) {
        rated.add(`${r.user[j]}:${r.movie[j]}`);
        if (r.rating[j] >= 4) counts[r.movie[j]] += 1 + (r.rating[j] >= 5 ? 1 : 0);
      }
      start = end;
    }
    expect(expected.slice(0, 12)).toEqual(HAND_FIRST_12);
    expect(result.scores.map((s) => s.hit)).toEqual(expected);
    // each window starts at its positive: the indices the golden test above pins
    expect(result.windows.map((w) => w.from)).toEqual(positives);
  });
});

describe("replay determinism", () => {
  it("the replay's default components (isgd mf, content, item-cf, user-cf) give the same windows under a seed, others under another", async () => {
    const data = await readMovieLens(TINY);
    const components = ["popularity", "item-cf", "user-cf", "content", "mf"];
    const run = (seed: number) => {
      const { specs } = replayPolicySpecs(null, components, ["static", "ema"]);
      const settings = replaySettings(components, specs.map((s) => s.kind), DEFAULT_REPLAY_OPTIONS.policy);
      const r = new Replay(data, { components, policies: specs, windowEvents: 10, seed, ...settings });
      try {
        return r.run().scores.map((s) => [s.policy, s.window, s.hit, s.ndcg]);
      } finally {
        r.dispose();
      }
    };
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2)).not.toEqual(a);
  });
});

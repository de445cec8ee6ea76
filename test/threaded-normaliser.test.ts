import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import "./support/backend.js";
import { ThreadedNormaliser } from "../cli/normalise/threaded-normaliser.js";
import { NORMALISATIONS, normaliseRows, type Normalisation } from "../lib/recommenders/normalise.js";
import { InThreadNormaliser, type RowNormaliser } from "../lib/recommenders/row-normaliser.js";
import { Stream } from "../lib/random/stream.js";
import { runScenario } from "../lib/simulation/run.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { builtin, vocabulary } from "./support/scenario.js";

/** Rows with ties, exact zeros (sparse rows), −0, NaN, infinities and a constant row. */
function scores(s: Stream, rows: number, n: number): Float32Array {
  const out = new Float32Array(rows * n);
  for (let r = 0; r < rows; r++) {
    const levels = 1 + s.int(Math.max(1, n >> (r % 4)));
    for (let i = 0; i < n; i++) {
      const o = r * n + i;
      if (r % 3 === 1) out[o] = s.next() < 0.1 ? s.int(5) - 1 : 0;
      else if (r % 7 === 5) out[o] = 2.5;
      else out[o] = (s.int(levels) - levels / 2) * s.uniform(0.5, 1.5);
    }
    if (n > 3 && r % 5 === 0) out.set([NaN, -0, Infinity, -Infinity], r * n + s.int(n - 3));
  }
  return out;
}

interface Job {
  scores: Float32Array;
  rows: number;
  n: number;
  kind: Normalisation;
  c: number;
  slot: number;
}

/** A round of jobs: sizes grow over rounds, so slot buffers are replaced (and sent to the workers) along the way. */
function round(s: Stream, t: number): Job[] {
  const sizes = [
    [1, 900 + 40 * t],
    [0, 300],
    [130 + 10 * t, 257 + 30 * t],
    [3, 1],
    [70, 1000 + 25 * t],
    [17, 0],
  ];
  return sizes.map(([rows, n], slot) => ({ scores: scores(s, rows, n), rows, n, kind: NORMALISATIONS[(slot + t) % 3], c: 1 + ((slot * 3 + t) % 11), slot }));
}

/** Submits every job of a round (changing the caller's scores after submit), then collects them all. */
function submitAll(normaliser: RowNormaliser, jobs: Job[]) {
  return jobs.map((j) => {
    const copy = j.scores.slice();
    const pending = normaliser.submit(copy, j.rows, j.n, j.kind, j.c, j.slot);
    copy.fill(7);
    return pending;
  });
}

function expected(j: Job): Float32Array {
  return normaliseRows(j.scores, j.rows, j.n, j.kind, undefined, j.c);
}

const normalisers: ThreadedNormaliser[] = [];
afterAll(() => normalisers.forEach((n) => n.dispose()));
const threaded = (workers: number) => {
  const n = new ThreadedNormaliser(workers);
  normalisers.push(n);
  return n;
};

describe("ThreadedNormaliser", () => {
  it("gives exactly normaliseRows' values when its workers do all the rows", async () => {
    const normaliser = threaded(1);
    await normaliser.ready;
    const s = new Stream("threaded-workers");
    for (let t = 0; t < 4; t++) {
      const jobs = round(s, t);
      const pending = submitAll(normaliser, jobs);
      while (normaliser.unclaimedTickets > 0) await sleep(5);
      const before = normaliser.ticketsRunHere;
      const results = pending.map((p) => p.result());
      expect(normaliser.ticketsRunHere).toBe(before);
      jobs.forEach((j, k) => expect(results[k], `round ${t} slot ${k}`).toEqual(expected(j)));
    }
    expect(normaliser.ticketsRunHere).toBe(0);
  });

  it("gives the same values when the calling thread does all the rows (no workers) or shares them", async () => {
    const alone = threaded(0);
    const shared = threaded(2);
    await shared.ready;
    const s = new Stream("threaded-shared");
    for (let t = 0; t < 4; t++) {
      const jobs = round(s, t);
      const mine = submitAll(alone, jobs).map((p) => p.result());
      const theirs = submitAll(shared, jobs).map((p) => p.result());
      jobs.forEach((j, k) => {
        expect(mine[k], `round ${t} slot ${k}`).toEqual(expected(j));
        expect(theirs[k], `round ${t} slot ${k}`).toEqual(expected(j));
      });
    }
    expect(alone.ticketsRunHere).toBeGreaterThan(0);
  });

  it("keeps each result until the next submit to its slot, like the in-thread normaliser", () => {
    const normaliser = threaded(1);
    const local = new InThreadNormaliser();
    const s = new Stream("threaded-lifetime");
    const [a, b] = round(s, 0).filter((j) => j.rows > 0 && j.n > 0);
    const first = [normaliser, local].map((x) => x.submit(a.scores, a.rows, a.n, a.kind, a.c, 0).result());
    const second = [normaliser, local].map((x) => x.submit(b.scores, b.rows, b.n, b.kind, b.c, 1).result());
    for (const r of first) expect(r).toEqual(expected(a));
    for (const r of second) expect(r).toEqual(expected(b));
  });

  it("finishes a job left uncollected (a round that threw) before its slot is reused", () => {
    const normaliser = threaded(1);
    const s = new Stream("threaded-abandoned");
    submitAll(normaliser, round(s, 0));
    const jobs = round(s, 1);
    const results = submitAll(normaliser, jobs).map((p) => p.result());
    jobs.forEach((j, k) => expect(results[k]).toEqual(expected(j)));
  });

  it("publishes at most a ring of jobs at once: the seventeenth uncollected job waits for the first", () => {
    const normaliser = threaded(1);
    const s = new Stream("threaded-ring");
    const jobs = Array.from({ length: 40 }, (_, slot) => ({ ...round(s, slot % 3)[slot % 6], slot }));
    const results = submitAll(normaliser, jobs).map((p) => p.result());
    jobs.forEach((j, k) => expect(results[k], `job ${k}`).toEqual(expected(j)));
  });

  it("refuses work after dispose", () => {
    const normaliser = threaded(1);
    normaliser.dispose();
    expect(() => normaliser.submit(new Float32Array(4), 2, 2, "rank", 10, 0)).toThrow(/after dispose/);
  });
});

describe("a run's records do not depend on the threads that normalise", () => {
  it("all six components, two workers and the loop's thread against the loop's thread alone", async () => {
    const config = builtin("baseline", ["world.users=150", "world.items=1500", "run.rounds=6", "run.seed=3", "recommender.components=popularity,item-cf,user-cf,content,mf,sequence"]);
    const alone = runScenario(config, vocabulary(config)).records;
    const normaliser = threaded(2);
    await normaliser.ready;
    const shared = runScenario(config, vocabulary(config), { normaliser }).records;
    expect(shared).toEqual(alone);
    expect(normaliser.ticketsRunHere).toBeLessThan(normaliser.ticketsSubmitted);
  });

  it("a round that throws between submits leaves the normaliser usable: the next run's records are unchanged", async () => {
    const config = builtin("baseline", ["world.users=100", "world.items=800", "run.rounds=4", "recommender.components=popularity,item-cf,user-cf,content,mf,sequence"]);
    const alone = runScenario(config, vocabulary(config)).records;
    const normaliser = threaded(1);
    await normaliser.ready;
    const broken = new Simulation(config, vocabulary(config), { normaliser });
    broken.step();
    broken.components[4].score = () => {
      throw new Error("mf failed");
    };
    expect(() => broken.step()).toThrow("mf failed");
    broken.dispose();
    expect(runScenario(config, vocabulary(config), { normaliser }).records).toEqual(alone);
  });
});

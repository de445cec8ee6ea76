import "./support/backend.js";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../lib/io/csv.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { cli, cliInProcess, read, SMALL, tempDir } from "./support/cli.js";
import { builtin, vocabulary } from "./support/scenario.js";

const runs = { first: "", again: "", alpha: "", seed: "" };
let firstStdout = "";

function withoutElapsed(summary: string): unknown {
  const { elapsedSeconds, ...rest } = JSON.parse(summary);
  expect(elapsedSeconds).toBeGreaterThan(0);
  return rest;
}

function column(dir: string, name: string): string[] {
  const csv = parseCsv(read(dir, "rounds.csv"));
  const j = csv.columns.indexOf(name);
  expect(j).toBeGreaterThanOrEqual(0);
  return csv.rows.map((r) => r[j]);
}

beforeAll(async () => {
  // two separate processes for byte-identity; the variations run in this process (faster, same code path)
  const run = async (key: keyof typeof runs, extra: string[]) => {
    runs[key] = tempDir(`determinism-${key}`);
    const args = ["run", "--scenario", "baseline", "--seed", "1", ...SMALL, "--set", "recommender.components=popularity,random", ...extra, "--out", runs[key]];
    const r = key === "first" || key === "again" ? await cli(args) : await cliInProcess(args);
    expect(r.code, r.stderr).toBe(0);
    if (key === "first") firstStdout = r.stdout;
  };
  await Promise.all([run("first", []), run("again", [])]);
  await run("alpha", ["--set", "policy.alpha=0.6"]);
  await run("seed", ["--seed", "2"]);
});

describe("the same seed and scenario give byte-identical outputs", () => {
  it.each(["rounds.csv", "weights.csv", "config.json"])("%s", (file) => {
    expect(read(runs.again, file)).toBe(read(runs.first, file));
  });

  it("summary.json, apart from the elapsed time", () => {
    expect(withoutElapsed(read(runs.again, "summary.json"))).toEqual(withoutElapsed(read(runs.first, "summary.json")));
  });
});

describe("the number of normalisation threads", () => {
  it("does not change any output byte: all six components on one, two and three threads", async () => {
    const dirs: string[] = [];
    for (const threads of ["1", "2", "3"]) {
      const dir = tempDir(`threads-${threads}`);
      const args = ["run", "--scenario", "baseline", "--seed", "2", ...SMALL, "--set", "recommender.components=popularity,item-cf,user-cf,content,mf,sequence"];
      const r = await cliInProcess([...args, "--threads", threads, "--out", dir]);
      expect(r.code, r.stderr).toBe(0);
      dirs.push(dir);
    }
    for (const dir of dirs.slice(1)) {
      for (const file of ["rounds.csv", "weights.csv", "config.json"]) expect(read(dir, file), file).toBe(read(dirs[0], file));
      expect(withoutElapsed(read(dir, "summary.json"))).toEqual(withoutElapsed(read(dirs[0], "summary.json")));
    }
  });

  it("must be a whole number from 1", async () => {
    const r = await cliInProcess(["run", "--scenario", "baseline", ...SMALL, "--threads", "0", "--out", tempDir("threads-0")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--threads");
  });
});

describe("the scoring order", () => {
  it("scores dense components first, then sparse ones, then user-independent ones, in configuration order within each", () => {
    const config = builtin("baseline", ["world.users=60", "world.items=200", "run.rounds=2", "recommender.components=popularity,item-cf,random,user-cf,content"]);
    const simulation = new Simulation(config, vocabulary(config));
    const order: string[] = [];
    for (const c of simulation.components) {
      const score = c.score.bind(c);
      c.score = (request) => {
        order.push(c.name);
        return score(request);
      };
    }
    simulation.step();
    simulation.dispose();
    expect(order).toEqual(["random", "content", "item-cf", "user-cf", "popularity"]);
  });
});

describe("common random numbers", () => {
  it("changing policy.alpha changes the weights but not the world: same digest, active users and arrivals", () => {
    const a = JSON.parse(read(runs.first, "summary.json"));
    const b = JSON.parse(read(runs.alpha, "summary.json"));
    expect(b.worldDigest).toBe(a.worldDigest);
    expect(column(runs.alpha, "w_popularity")).not.toEqual(column(runs.first, "w_popularity"));
    for (const name of ["active", "users", "items"]) expect(column(runs.alpha, name)).toEqual(column(runs.first, name));
  });

  it("changing the seed changes the world", () => {
    const a = JSON.parse(read(runs.first, "summary.json"));
    const c = JSON.parse(read(runs.seed, "summary.json"));
    expect(c.worldDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(c.worldDigest).not.toBe(a.worldDigest);
    expect(read(runs.seed, "rounds.csv")).not.toBe(read(runs.first, "rounds.csv"));
  });

  it.each([
    ["baseline", []],
    ["abrupt-shift", ["world.drift.shift.at=[8]", "world.drift.feedback.strength=2", "world.drift.sequential.strength=10"]],
    ["trending", ["world.drift.trend.at=[3]"]],
  ])("%s: two policies see the same users, drift events and exogenous interests", (name, extra) => {
    const sets = ["world.users=80", "world.items=200", "run.rounds=12", ...(extra as string[])];
    const a = builtin(name, [...sets, "policy.alpha=0.05"]);
    const b = builtin(name, [...sets, "policy.kind=static"]);
    const sa = new Simulation(a, vocabulary(a));
    const sb = new Simulation(b, vocabulary(b));
    let differ = false;
    while (!sa.done) {
      const ra = sa.step();
      const rb = sb.step();
      expect(Array.from(sb.world.state.active)).toEqual(Array.from(sa.world.state.active));
      expect(sb.world.worldDigest()).toBe(sa.world.worldDigest());
      if (ra.metrics.ctr !== rb.metrics.ctr) differ = true;
    }
    expect(sb.world.events).toEqual(sa.world.events);
    expect(differ).toBe(true);
    if (name === "baseline") for (let u = 0; u < 80; u++) expect(sb.world.interest(u)).toEqual(sa.world.interest(u));
    sa.dispose();
    sb.dispose();
  });
});

describe("the run command's outputs", () => {
  const CONTRACT = ["round", "ctr", "conversion", "precision", "recall", "ndcg", "hit_rate", "regret", "ild", "coverage", "gini", "novelty", "volatility"];

  it("rounds.csv: the contract's columns in order, then w_<component>, one row per round", () => {
    const csv = parseCsv(read(runs.first, "rounds.csv"));
    // the README's order: the contract's metrics, the weights, then map, tracking_error, what the text model read
    // (negative reviews, weak-interest clicks) and the round's counts
    expect(csv.columns).toEqual([...CONTRACT, "w_popularity", "w_random", "map", "tracking_error", "negative_reviews", "weak_clicks", "active", "users", "items"]);
    expect(csv.rows.map((r) => r[0])).toEqual(Array.from({ length: 20 }, (_, t) => String(t)));
    // no component here keeps a user profile, so tracking_error has no value: an empty cell, never a number
    const tracking = csv.columns.indexOf("tracking_error");
    for (const row of csv.rows) {
      row.forEach((cell, j) => (j === tracking ? expect(cell).toBe("") : expect(cell !== "" && Number.isFinite(Number(cell)), cell).toBe(true)));
    }
    const w = csv.rows.map((r) => Number(r[CONTRACT.length]) + Number(r[CONTRACT.length + 1]));
    for (const sum of w) expect(sum).toBeCloseTo(1, 8);
  });

  it("weights.csv: round, component, weight and the rule's raw weight for every round and component", () => {
    const csv = parseCsv(read(runs.first, "weights.csv"));
    expect(csv.columns).toEqual(["round", "component", "weight", "raw"]);
    expect(csv.rows).toHaveLength(40);
    expect(csv.rows.slice(0, 2).map((r) => r.slice(0, 2))).toEqual([
      ["0", "popularity"],
      ["0", "random"],
    ]);
    const rounds = parseCsv(read(runs.first, "rounds.csv"));
    expect(csv.rows[39][2]).toBe(rounds.rows[19][CONTRACT.length + 1]);
    // ema at the global level with the default softmax (τ = 0.05, no cap): π = softmax(raw / τ), every round
    for (let t = 0; t < 20; t++) {
      const [a, b] = [csv.rows[2 * t], csv.rows[2 * t + 1]];
      const e = [Math.exp(Number(a[3]) / 0.05), Math.exp(Number(b[3]) / 0.05)];
      expect(Number(a[2])).toBeCloseTo(e[0] / (e[0] + e[1]), 6);
      expect(Number(b[2])).toBeCloseTo(e[1] / (e[0] + e[1]), 6);
    }
  });

  it("summary.json: means, final values, elapsed seconds, lab version and world digest", () => {
    const s = JSON.parse(read(runs.first, "summary.json"));
    const rounds = parseCsv(read(runs.first, "rounds.csv"));
    const ctr = rounds.rows.map((r) => Number(r[1]));
    expect(s.means.ctr).toBeCloseTo(ctr.reduce((a, b) => a + b, 0) / ctr.length, 8);
    expect(s.final.ctr).toBeCloseTo(ctr[19], 8);
    for (const metric of CONTRACT.slice(1)) {
      expect(Number.isFinite(s.means[metric]), metric).toBe(true);
      expect(Number.isFinite(s.final[metric]), metric).toBe(true);
    }
    expect(s.elapsedSeconds).toBeGreaterThan(0);
    expect(s.labVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(s.worldDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(s.rounds).toBe(20);
    expect(s.seed).toBe(1);
    expect(Object.keys(s.finalWeights)).toEqual(["popularity", "random"]);
  });

  it("config.json is the fully resolved scenario, and the summary table goes to stdout", () => {
    const config = JSON.parse(read(runs.first, "config.json"));
    expect(config.name).toBe("baseline");
    expect(config.world.users).toBe(60);
    expect(config.world.items).toBe(200);
    expect(config.run).toEqual({ rounds: 20, seed: 1 });
    expect(config.world.drift.gradual).toEqual({ reversion: 0.05, sd: 0.15, centreSd: 0.05 });
    expect(firstStdout).toMatch(/^scenario\s+baseline \(seed 1, 20 rounds\)/);
    expect(firstStdout).toContain(JSON.parse(read(runs.first, "summary.json")).worldDigest);
  });
});

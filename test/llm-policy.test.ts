import "./support/backend.js";
import { describe, expect, it } from "vitest";
import type { LlmClient } from "../lib/llm/client.js";
import type { LlmReply, LlmRequest } from "../lib/llm/exchange.js";
import { buildMessages } from "../lib/llm/prompt.js";
import { emptyWindow, observeRound } from "../lib/llm/window.js";
import { runScenario, runScenarioAsync } from "../lib/simulation/run.js";
import { Stream } from "../lib/random/stream.js";
import { scenario, vocabulary } from "./support/scenario.js";

const COMPONENTS = ["popularity", "item-cf", "random"];
const SETS = ["world.users=60", "world.items=200", "run.rounds=20", `recommender.components=${COMPONENTS.join(",")}`, "policy.kind=llm", "policy.options.llm.every=5"];

const reply = (text: string | null): LlmReply => ({ text, promptTokens: 10, completionTokens: 5, latencyMs: 7, attempts: 1 });

/** A client that answers each call from a list (sync), and records what it was asked. */
function scriptedClient(answers: (string | null)[]): LlmClient & { requests: LlmRequest[] } {
  const requests: LlmRequest[] = [];
  return {
    requests,
    complete(request) {
      requests.push(request);
      return reply(answers[requests.length - 1] ?? null);
    },
  };
}

function near(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((x, k) => expect(actual[k]).toBeCloseTo(x, 12));
}

const answer = (w: number[]) => JSON.stringify({ weights: Object.fromEntries(COMPONENTS.map((c, k) => [c, w[k]])), reason: "test" });

function run(sets: string[], client: LlmClient) {
  const config = scenario([...SETS, ...sets]);
  return runScenario(config, vocabulary(config), { llm: client });
}

describe("the llm policy", () => {
  it("asks after rounds K − 1, 2K − 1, … but not after the last, and serves each answer from the next round", () => {
    const client = scriptedClient([answer([0.6, 0.3, 0.1]), answer([0, 0, 1]), answer([0.2, 0.2, 0.6])]);
    const { records, summary } = run([], client);
    expect(client.requests.map((r) => r.round)).toEqual([4, 9, 14]);
    const w = (round: number) => Array.from(records[round].weights);
    const before = (round: number) => Array.from(records[round].weightsBefore);
    for (let r = 0; r <= 4; r++) near(w(r), [1 / 3, 1 / 3, 1 / 3]);
    for (let r = 5; r <= 9; r++) near(before(r), [0.6, 0.3, 0.1]);
    for (let r = 10; r <= 14; r++) near(before(r), [0, 0, 1]);
    for (let r = 15; r < 20; r++) near(before(r), [0.2, 0.2, 0.6]);
    expect(summary.llm).toMatchObject({ calls: 3, used: 3, fallbacks: 0, promptTokens: 30, completionTokens: 15, latencyMs: { total: 21, mean: 7, max: 7 } });
  });

  it("on a failed or unusable call keeps the weights that were serving, and counts why", () => {
    const client = scriptedClient([answer([0.6, 0.3, 0.1]), "no json here", null]);
    const { records, summary, simulation } = run([], client);
    for (let r = 5; r < 20; r++) near(records[r].weightsBefore, [0.6, 0.3, 0.1]);
    expect(summary.llm).toMatchObject({ calls: 3, used: 1, fallbacks: 2, fallbackReasons: { invalid_json: 1, malformed: 1 } });
    const calls = simulation.policy.llm!.calls();
    expect(calls.map((c) => c.fallback ?? "used")).toEqual(["used", "invalid_json", "malformed"]);
    expect(calls[1].messages).toEqual(client.requests[1].messages);
  });

  it("between calls can follow a rule from the model's weights instead of holding them", () => {
    const answers = [answer([0.6, 0.3, 0.1]), answer([0.1, 0.1, 0.8]), answer([0.5, 0.25, 0.25])];
    const hold = run([], scriptedClient(answers)).records;
    const ema = run(["policy.options.llm.between=ema", "policy.alpha=0.3"], scriptedClient(answers)).records;
    // the round after a call serves the answer exactly under both; later rounds move only under ema
    expect(Array.from(ema[5].weightsBefore)).toEqual(Array.from(hold[5].weightsBefore));
    near(ema[10].weightsBefore, [0.1, 0.1, 0.8]);
    near(hold[8].weightsBefore, [0.6, 0.3, 0.1]);
    const moved = Math.max(...[0.6, 0.3, 0.1].map((x, k) => Math.abs(ema[8].weightsBefore[k] - x)));
    expect(moved).toBeGreaterThan(1e-3);
    expect(ema[8].weightsBefore.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it("lets nothing invalid reach the blend: garbage answers leave every served π on the simplex", () => {
    const stream = new Stream("llm-garbage");
    const pieces = ['{"weights":', "{", "}", '"popularity":', '"random":', '"item-cf":', "-1", "0.5", "1e400", "NaN", '"x"', ",", "null", "[", "]", "100", "0"];
    const answers = Array.from({ length: 3 }, () => Array.from({ length: 12 }, () => pieces[stream.int(pieces.length)]).join(""));
    const { records } = run(["run.rounds=20"], scriptedClient(answers));
    for (const r of records) {
      expect(r.weightsBefore.every((w) => Number.isFinite(w) && w >= 0)).toBe(true);
      expect(r.weightsBefore.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
    }
  });

  it("an asynchronous client gives the same run as a synchronous one; without awaiting it the loop refuses to go on", async () => {
    const answers = [answer([0.6, 0.3, 0.1]), answer([0, 0, 1]), answer([0.2, 0.2, 0.6])];
    const sync = run([], scriptedClient(answers));
    const inner = scriptedClient(answers);
    const slow: LlmClient = { complete: (r) => new Promise((done) => setTimeout(() => done(inner.complete(r) as LlmReply), 5)) };
    const config = scenario(SETS);
    const async = await runScenarioAsync(config, vocabulary(config), { llm: slow });
    expect(async.records.map((r) => Array.from(r.weights))).toEqual(sync.records.map((r) => Array.from(r.weights)));
    expect(async.records.map((r) => r.metrics.ctr)).toEqual(sync.records.map((r) => r.metrics.ctr));
    expect(() => runScenario(config, vocabulary(config), { llm: slow })).toThrow("policy llm: the call after round 4 has not been awaited");
  });

  it("needs a client", () => {
    const config = scenario(SETS);
    expect(() => runScenario(config, vocabulary(config))).toThrow(/^policy\.kind=llm: this run has no language-model client/);
  });
});

describe("the prompt", () => {
  it("states the window's numbers as computed by hand", () => {
    const w = emptyWindow(2, 10);
    const slate = (scores: number[], clicked: boolean[]) => ({
      user: 0,
      round: 10,
      scores: Float32Array.from(scores),
      rewards: Float64Array.from(clicked.map((c) => (c ? 1 : -1))),
      clicked,
      weights: Float64Array.of(0.5, 0.5),
    });
    // slate 1: item 0 ranked first by a (0.9 > 0.1) and clicked, item 1 by b; slate 2: both items b's, one clicked
    const feedback = [slate([0.9, 0.1, 0.2, 0.8], [true, false]), slate([0.3, 0.7, 0.4, 0.6], [false, true])];
    const events = {
      round: 10,
      impressions: [
        { user: 0, item: 7, round: 10, position: 0, clicked: true, purchased: true, reward: 2 },
        { user: 1, item: 7, round: 10, position: 1, clicked: true, purchased: false, reward: 1 },
      ],
      texts: [
        { user: 0, round: 10, kind: "query" as const, text: "cheap running shoes for the trail" },
        { user: 1, round: 10, kind: "query" as const, text: "Running shoes" },
        { user: 1, round: 10, kind: "review" as const, text: "not good", item: 7 },
      ],
    };
    observeRound(w, 10, feedback, [Float64Array.of(0.2, -0.1), Float64Array.of(0, 0.3)], events, () => [0.25]);
    const [system, user] = buildMessages({
      components: ["a", "b"],
      weights: [0.5, 0.5],
      history: [{ round: 4, weights: [0.7, 0.3] }],
      window: w,
      previous: null,
      call: 2,
      calls: 3,
      every: 5,
      roundsPerDay: 24,
      topWords: 2,
      examples: 1,
      reasonLength: 0,
      title: (i) => `item ${i}`,
    });
    expect(system.content).toContain('{"weights": {"a": 0.500, "b": 0.500}}');
    expect(system.content).toContain("Every 5 rounds you read");
    expect(user.content).toBe(
      [
        "Rounds 10 to 10 (call 2 of 3). Time of day 10:00 to 10:00 (a day is 24 rounds).",
        "Slates served: 2; items shown: 4; clicks: 2 (CTR 0.5000); purchases: 1.",
        "",
        "component | weight now | credit | credit change | CTR of the shown items it ranked first (shown)",
        // a: mean credit (0.2 + 0) / 2; first on 1 shown item, clicked.  b: (−0.1 + 0.3) / 2; first on 3, 1 clicked
        "a | 0.500 | +0.100 | n/a | 1.0000 (1)",
        "b | 0.500 | +0.100 | n/a | 0.3333 (3)",
        "",
        "Your earlier answers (latest 1): after round 4: a 0.700, b 0.300.",
        // "for" and "the" are stop words; "running" and "shoes" twice
        "Search queries: 2; most frequent words: running 2, shoes 2.",
        'Reviews: 1; mean P(positive) 0.250, 1 read as negative. Latest: "not good".',
        'Most clicked items this window: "item 7" 2.',
        "",
        "Choose the weights for the next rounds.",
      ].join("\n"),
    );
  });
});

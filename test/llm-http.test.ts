import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpBackend, type HttpBackendOptions } from "../cli/llm/http-backend.js";
import { answerSchema } from "../lib/llm/answer-schema.js";
import type { LlmRequest } from "../lib/llm/exchange.js";
import { parseTranscript } from "../lib/llm/transcript.js";
import { creditFollowingAnswer, startChatServer, type Behaviour, type ChatRequestBody, type ChatServer } from "../scripts/chat-server.js";
import { cliInProcess, read, tempDir } from "./support/cli.js";

const request: LlmRequest = {
  round: 9,
  model: "http:scripted",
  messages: [
    { role: "system", content: "You set weights." },
    { role: "user", content: "Rounds 0 to 9." },
  ],
  settings: { temperature: 0, maxTokens: 100, seed: 0 },
  schema: answerSchema(["popularity", "random"], 0),
};

const ANSWER = '{"weights": {"popularity": 0.7, "random": 0.3}}';

describe("the HTTP backend against a local chat-completions server", () => {
  let server: ChatServer;
  let script: Behaviour[] = [];
  const options = (o: Partial<HttpBackendOptions> = {}): HttpBackendOptions => ({
    url: server.url,
    model: "scripted",
    timeoutSeconds: 0.3,
    retries: 2,
    backoffSeconds: 0.05,
    responseFormat: "json_schema",
    ...o,
  });
  const arrivals: number[] = [];

  beforeAll(async () => {
    server = await startChatServer((_, i) => {
      arrivals[i] = performance.now();
      return script.shift() ?? { kind: "answer", text: ANSWER };
    });
  });
  afterAll(() => server.close());

  const call = async (behaviours: Behaviour[], o: Partial<HttpBackendOptions> = {}) => {
    script = behaviours.slice();
    const first = server.requests.length;
    const reply = await createHttpBackend(options(o)).complete(request);
    return { reply, sent: server.requests.slice(first), times: arrivals.slice(first) };
  };

  it("sends the model, messages, settings, the schema and the key as a bearer token, and reads text and usage", async () => {
    const { reply, sent } = await call([], { apiKey: "sk-test-123" });
    expect(reply.text).toBe(ANSWER);
    expect(reply.attempts).toBe(1);
    expect(reply.promptTokens).toBe(Math.ceil((16 + 14) / 4));
    expect(reply.completionTokens).toBe(Math.ceil(ANSWER.length / 4));
    expect(sent).toHaveLength(1);
    expect(sent[0].headers.authorization).toBe("Bearer sk-test-123");
    expect(sent[0].body).toMatchObject({ model: "scripted", messages: request.messages, temperature: 0, max_tokens: 100, seed: 0 });
    expect(sent[0].body.response_format).toEqual({ type: "json_schema", json_schema: { name: "blend_weights", strict: true, schema: request.schema } });
  });

  it("sends no authorization header without a key, and json_object or nothing when asked", async () => {
    const a = await call([], { responseFormat: "json_object" });
    expect(a.sent[0].headers.authorization).toBeUndefined();
    expect(a.sent[0].body.response_format).toEqual({ type: "json_object" });
    const b = await call([], { responseFormat: "none" });
    expect(b.sent[0].body.response_format).toBeUndefined();
  });

  it("retries a 500 after the back-off and uses the answer that follows", async () => {
    const { reply, times } = await call([{ kind: "status", status: 500 }]);
    expect(reply).toMatchObject({ text: ANSWER, attempts: 2 });
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(50 - 1);
  });

  it("gives up after 1 + retries attempts of 500, doubling the wait, and reports the status", async () => {
    const { reply, times } = await call(Array(3).fill({ kind: "status", status: 500 }));
    expect(reply).toMatchObject({ text: null, error: { kind: "http", detail: "HTTP 500" }, attempts: 3 });
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(50 - 1);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(100 - 1);
  });

  it("retries a 429 but not a 400", async () => {
    expect((await call([{ kind: "status", status: 429 }])).reply).toMatchObject({ text: ANSWER, attempts: 2 });
    expect((await call([{ kind: "status", status: 400 }])).reply).toMatchObject({ text: null, error: { kind: "http", detail: "HTTP 400" }, attempts: 1 });
  });

  it("a malformed body ends the call at once", async () => {
    const { reply, sent } = await call([{ kind: "malformed" }]);
    expect(reply).toMatchObject({ text: null, error: { kind: "malformed", detail: "the body is not JSON" }, attempts: 1 });
    expect(sent).toHaveLength(1);
  });

  it("a body without choices[0].message.content is malformed", async () => {
    // status 200 with an error object for a body
    const { reply } = await call([{ kind: "status", status: 200 }]);
    expect(reply).toMatchObject({ text: null, error: { kind: "malformed", detail: "no choices[0].message.content" } });
  });

  it("a slow reply times out, is retried, and a stalled body times out too", async () => {
    const slow = await call([{ kind: "answer", text: ANSWER, delayMs: 1000 }]);
    expect(slow.reply).toMatchObject({ text: ANSWER, attempts: 2 });
    expect(slow.reply.latencyMs).toBeGreaterThanOrEqual(300 + 50 - 1);
    const stalled = await call(Array(3).fill({ kind: "stall" }));
    expect(stalled.reply).toMatchObject({ text: null, error: { kind: "timeout", detail: "no complete reply within 0.3 s" }, attempts: 3 });
  });

  it("a refused connection is a network failure after every attempt", async () => {
    const closed = await startChatServer(() => ({ kind: "answer", text: ANSWER }));
    const url = closed.url;
    await closed.close();
    const reply = await createHttpBackend(options({ url, retries: 1 })).complete(request);
    expect(reply).toMatchObject({ text: null, error: { kind: "network", detail: "ECONNREFUSED" }, attempts: 2 });
  });
});

/** Each call of the run (by the prompt's "call N of M") meets one behaviour, on every attempt unless said. */
function scripted(body: ChatRequestBody, attemptsSeen: Map<number, number>): Behaviour {
  const user = body.messages.find((m) => m.role === "user")!.content;
  const call = Number(/\(call (\d+) of/.exec(user)![1]);
  const attempt = attemptsSeen.get(call) ?? 0;
  attemptsSeen.set(call, attempt + 1);
  const good = creditFollowingAnswer(body);
  switch (call) {
    case 2:
      return { kind: "status", status: 500 };
    case 3:
      return { kind: "malformed" };
    case 4:
      return { kind: "answer", text: good, delayMs: 1500 };
    case 5: {
      // percentages inside a code fence after prose: extracted, then normalised
      const weights = JSON.parse(good).weights as Record<string, number>;
      const percent = Object.fromEntries(Object.entries(weights).map(([c, w]) => [c, Math.round(w * 100)]));
      return { kind: "answer", text: "Sure! ```json\n" + JSON.stringify({ weights: percent }) + "\n```" };
    }
    case 6:
      return { kind: "answer", text: "I would put more weight on popularity." };
    case 7:
      return attempt === 0 ? { kind: "status", status: 503 } : { kind: "answer", text: good };
    default:
      return { kind: "answer", text: good };
  }
}

describe("drift-lab run with policy.kind=llm over HTTP", () => {
  const KEY = "sk-drift-lab-test-5f2c9a";
  let server: ChatServer;
  const attempts = new Map<number, number>();
  const live = tempDir("llm-http-live");
  const replay = tempDir("llm-http-replay");
  let url = "";
  let stderr = "";
  const args = () => [
    "run",
    "--scenario",
    "baseline",
    "--rounds",
    "40",
    "--set",
    "world.users=60",
    "--set",
    "world.items=200",
    "--set",
    "policy.kind=llm",
    "--set",
    "policy.options.llm.every=5",
    "--set",
    `policy.options.llm.url=${url}`,
    "--set",
    "policy.options.llm.model=scripted",
    "--set",
    "policy.options.llm.apiKeyEnv=DRIFT_LAB_TEST_KEY",
    "--set",
    "policy.options.llm.timeoutSeconds=0.3",
    "--set",
    "policy.options.llm.retries=1",
    "--set",
    "policy.options.llm.backoffSeconds=0.05",
  ];

  beforeAll(async () => {
    server = await startChatServer((body) => scripted(body, attempts));
    url = server.url;
    process.env.DRIFT_LAB_TEST_KEY = KEY;
    const r = await cliInProcess([...args(), "--out", live]);
    expect(r.code, r.stderr).toBe(0);
    stderr = r.stderr;
  });
  afterAll(async () => {
    delete process.env.DRIFT_LAB_TEST_KEY;
    await server.close();
  });

  it("completes, and each failure ends in the documented fallback, counted by reason", () => {
    const summary = JSON.parse(read(live, "summary.json"));
    expect(summary.rounds).toBe(40);
    // calls after rounds 4, 9, …, 34: 7 (none after the last round); 2: HTTP 500 twice, 3: malformed body,
    // 4: too slow twice, 5: repaired, 6: prose, 7: a 503 then an answer
    expect(summary.llm).toMatchObject({
      calls: 7,
      used: 3,
      fallbacks: 4,
      fallbackReasons: { http: 1, invalid_json: 1, malformed: 1, timeout: 1 },
      repaired: 1,
      repairs: { extracted: 1, normalised: 1 },
      attempts: 1 + 2 + 1 + 2 + 1 + 1 + 2,
    });
    const exchanges = [...parseTranscript(read(live, "llm-transcript.jsonl")).values()];
    expect(exchanges.map((e) => e.round)).toEqual([4, 9, 14, 19, 24, 29, 34]);
    expect(exchanges.map((e) => e.reply.error?.kind ?? "text")).toEqual(["text", "http", "malformed", "timeout", "text", "text", "text"]);
  });

  it("holds the weights serving before a failed call: the blend does not move in the round after it", () => {
    const csv = read(live, "rounds.csv").trim().split("\n");
    const columns = csv[0].split(",");
    const w = columns.flatMap((c, j) => (c.startsWith("w_") ? [j] : []));
    const weightsAt = (round: number) => w.map((j) => csv[round + 1].split(",")[j]).join(",");
    for (const failed of [9, 14, 19, 29]) expect(weightsAt(failed + 1), `round ${failed + 1}`).toBe(weightsAt(failed));
    expect(weightsAt(5)).not.toBe(weightsAt(4));
  });

  it("says on stderr which calls got no answer, and why", () => {
    const lines = stderr.split("\n").filter((l) => l.startsWith("drift-lab: llm:"));
    const at = (round: number, why: string) => `drift-lab: llm: the call after round ${round} got no answer from ${url} (${why}); the weights serving stay`;
    expect(lines).toEqual([at(9, "http: HTTP 500"), at(14, "malformed: the body is not JSON"), at(19, "timeout: no complete reply within 0.3 s")]);
    expect(stderr).not.toContain(KEY);
  });

  it("sends the key only as a bearer token: it is in no output file", () => {
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    for (const file of readdirSync(live)) expect(readFileSync(join(live, file), "utf8"), file).not.toContain(KEY);
  });

  it("replays from the transcript with no server, byte for byte", async () => {
    const before = server.requests.length;
    const r = await cliInProcess([...args(), "--llm-transcript", join(live, "llm-transcript.jsonl"), "--out", replay]);
    expect(r.code, r.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
    for (const file of ["rounds.csv", "weights.csv", "config.json", "llm-transcript.jsonl"]) expect(read(replay, file), file).toBe(read(live, file));
    const { elapsedSeconds: a, ...liveSummary } = JSON.parse(read(live, "summary.json"));
    const { elapsedSeconds: b, ...replaySummary } = JSON.parse(read(replay, "summary.json"));
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(replaySummary).toEqual(liveSummary);
  });
});

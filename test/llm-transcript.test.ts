import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerSchema } from "../lib/llm/answer-schema.js";
import { TranscriptClient } from "../lib/llm/client.js";
import { canonicalJson, exchangeKey, type Exchange, type LlmReply, type LlmRequest } from "../lib/llm/exchange.js";
import { formatExchange, parseTranscript } from "../lib/llm/transcript.js";
import { creditFollowingAnswer, startChatServer, type ChatServer } from "../scripts/chat-server.js";
import { cliInProcess, read, tempDir } from "./support/cli.js";

const request: LlmRequest = {
  round: 9,
  model: "http:m",
  messages: [
    { role: "system", content: "s" },
    { role: "user", content: "u" },
  ],
  settings: { temperature: 0, maxTokens: 100, seed: 0 },
  schema: answerSchema(["a", "b"], 10),
};
const reply: LlmReply = { text: '{"weights":{"a":1,"b":0}}', promptTokens: 3, completionTokens: 4, latencyMs: 12, attempts: 1 };

describe("exchange keys", () => {
  it("are SHA-256 hex of the canonical model, messages, settings and schema (golden value)", () => {
    // the canonical text hashed, written out by hand
    const text =
      '{"messages":[{"content":"s","role":"system"},{"content":"u","role":"user"}],"model":"http:m",' +
      '"schema":{"additionalProperties":false,"properties":{"reason":{"maxLength":10,"type":"string"},"weights":{"additionalProperties":false,' +
      '"properties":{"a":{"maximum":1,"minimum":0,"type":"number"},"b":{"maximum":1,"minimum":0,"type":"number"}},"required":["a","b"],"type":"object"}},' +
      '"required":["weights","reason"],"type":"object"},"settings":{"maxTokens":100,"seed":0,"temperature":0}}';
    expect(canonicalJson({ model: request.model, messages: request.messages, settings: request.settings, schema: request.schema })).toBe(text);
    // an independent SHA-256 (Node's OpenSSL) of that text
    expect(exchangeKey(request)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });

  it("change with the prompt, the model, each setting and the schema, not with the round or key order", () => {
    const key = exchangeKey(request);
    const variants: LlmRequest[] = [
      { ...request, messages: [request.messages[0], { role: "user", content: "u " }] },
      { ...request, model: "http:other" },
      { ...request, settings: { ...request.settings, temperature: 0.5 } },
      { ...request, settings: { ...request.settings, maxTokens: 101 } },
      { ...request, settings: { ...request.settings, seed: 1 } },
      { ...request, schema: answerSchema(["a", "b"], 0) },
    ];
    for (const v of variants) expect(exchangeKey(v)).not.toBe(key);
    expect(exchangeKey({ ...request, round: 99 })).toBe(key);
    const reordered = { ...request, settings: { seed: 0, maxTokens: 100, temperature: 0 } };
    expect(exchangeKey(reordered)).toBe(key);
  });
});

describe("the transcript client", () => {
  const exchange: Exchange = { key: exchangeKey(request), round: 9, model: request.model, messages: request.messages, settings: request.settings, reply };

  it("answers a recorded exchange at once, and passes it on as recorded", () => {
    const seen: Exchange[] = [];
    const client = new TranscriptClient({ recorded: new Map([[exchange.key, exchange]]), onExchange: (e) => seen.push(e) });
    expect(client.complete(request)).toBe(reply);
    expect(seen).toEqual([exchange]);
  });

  it("replay only: a changed prompt is a miss that stops the run naming the round", () => {
    const client = new TranscriptClient({ recorded: new Map([[exchange.key, exchange]]), source: "t.jsonl" });
    const changed = { ...request, round: 14, messages: [request.messages[0], { role: "user" as const, content: "v" }] };
    expect(() => client.complete(changed)).toThrow(/^llm: no recorded exchange for the call after round 14 in t\.jsonl \(replay only/);
  });

  it("with a live backend: a miss is called and recorded, a hit is not called", async () => {
    let calls = 0;
    const seen: Exchange[] = [];
    const client = new TranscriptClient({
      live: { complete: async () => (calls++, reply) },
      onExchange: (e) => seen.push(e),
    });
    expect(await client.complete(request)).toEqual(reply);
    expect(client.complete({ ...request, round: 20 })).toEqual(reply);
    expect(calls).toBe(1);
    expect(seen.map((e) => e.key)).toEqual([exchange.key, exchange.key]);
  });

  it("transcripts round-trip through JSON Lines, and a bad line names the file and the line", () => {
    const text = formatExchange(exchange) + "\n" + formatExchange({ ...exchange, key: "f".repeat(64) });
    const parsed = parseTranscript(text, "t.jsonl");
    expect([...parsed.keys()]).toEqual([exchange.key, "f".repeat(64)]);
    expect(formatExchange(parsed.get(exchange.key)!)).toBe(formatExchange(exchange));
    expect(() => parseTranscript(text + "\n{oops", "t.jsonl")).toThrow("t.jsonl:5: not a JSON line");
    expect(() => parseTranscript('{"key":"abc","reply":{"text":"x"}}', "t.jsonl")).toThrow(/^t\.jsonl:1: expected an exchange/);
  });
});

describe("drift-lab run: replay only, fill, and flags", () => {
  let server: ChatServer;
  const live = tempDir("llm-transcript-live");
  let base: string[] = [];

  beforeAll(async () => {
    server = await startChatServer((body) => ({ kind: "answer", text: creditFollowingAnswer(body) }));
    base = ["run", "--scenario", "baseline", "--rounds", "20", "--set", "world.users=60", "--set", "world.items=200", "--set", "policy.kind=llm"];
    base.push("--set", "policy.options.llm.every=5", "--set", `policy.options.llm.url=${server.url}`, "--set", "policy.options.llm.model=scripted");
    const r = await cliInProcess([...base, "--out", live]);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => server.close());

  it("a changed prompt stops a replay at its first call, in one line naming the round, exit 2", async () => {
    const file = join(live, "llm-transcript.jsonl");
    const r = await cliInProcess([...base, "--set", "policy.options.llm.topWords=3", "--llm-transcript", file, "--out", tempDir("llm-miss")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`drift-lab: llm: no recorded exchange for the call after round 4 in ${file} (replay only; the prompt, model or settings differ from the recorded run)\n`);
  });

  it("a run that fails after calls keeps them beside --out, and leaves no --out (its set was not complete)", async () => {
    const dir = tempDir("llm-partial");
    const first = join(dir, "first.jsonl");
    writeFileSync(first, read(live, "llm-transcript.jsonl").split("\n")[0] + "\n");
    const out = join(dir, "out");
    const r = await cliInProcess([...base, "--llm-transcript", first, "--out", out]);
    expect(r.stderr).toBe(`drift-lab: llm: no recorded exchange for the call after round 9 in ${first} (replay only; the prompt, model or settings differ from the recorded run)\n`);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(`${out}.partial-llm-transcript.jsonl`, "utf8")).toBe(readFileSync(first, "utf8"));
  });

  it("a killed run's calls, left in its staging directory, are kept by the next run into that --out, after those kept before", async () => {
    const dir = tempDir("llm-killed");
    const out = join(dir, "out");
    const [earlier, killed] = read(live, "llm-transcript.jsonl").split("\n");
    writeFileSync(`${out}.partial-llm-transcript.jsonl`, earlier + "\n");
    // what a run killed after one call leaves: its staging directory, named for a process id no system hands out (> 2^22)
    const staging = join(dir, `.out.drift-lab-tmp-${2 ** 22 + 17}-0@${hostname()}`);
    mkdirSync(staging);
    writeFileSync(join(staging, "llm-transcript.jsonl"), killed + "\n");
    const r = await cliInProcess([...base, "--llm-transcript", join(live, "llm-transcript.jsonl"), "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`drift-lab: the calls of an llm run that was killed are kept in ${out}.partial-llm-transcript.jsonl\n`);
    expect(readFileSync(`${out}.partial-llm-transcript.jsonl`, "utf8")).toBe(earlier + "\n" + killed + "\n");
    expect(readdirSync(dir).sort()).toEqual(["out", "out.partial-llm-transcript.jsonl"]);
  });

  it("--llm-fill calls the backend for the misses only", async () => {
    const file = join(live, "llm-transcript.jsonl");
    const same = server.requests.length;
    const again = tempDir("llm-fill-same");
    expect((await cliInProcess([...base, "--llm-transcript", file, "--llm-fill", "--out", again])).code).toBe(0);
    expect(server.requests.length).toBe(same);
    const changed = tempDir("llm-fill-changed");
    const r = await cliInProcess([...base, "--set", "policy.options.llm.topWords=3", "--llm-transcript", file, "--llm-fill", "--out", changed]);
    expect(r.code, r.stderr).toBe(0);
    expect(server.requests.length).toBe(same + 3);
    expect(parseTranscript(read(changed, "llm-transcript.jsonl")).size).toBe(3);
  });

  it("refuses the llm flags with another policy, --llm-fill alone, and an unreadable transcript", async () => {
    const out = tempDir("llm-flags");
    const small = ["run", "--scenario", "baseline", "--rounds", "5", "--out", out];
    expect(await cliInProcess([...small, "--llm-transcript", "x.jsonl"])).toMatchObject({ code: 2, stderr: "drift-lab: --llm-transcript/--llm-fill: the run's policy is 'ema', not llm\n" });
    expect(await cliInProcess([...small, "--set", "policy.kind=llm", "--llm-fill"])).toMatchObject({ code: 2, stderr: "drift-lab: --llm-fill: needs --llm-transcript FILE\n" });
    const missing = await cliInProcess([...small, "--set", "policy.kind=llm", "--llm-transcript", join(out, "none.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^drift-lab: --llm-transcript: cannot read '.*none\.jsonl' \(ENOENT\)\n$/);
  });
});

describe("drift-lab sweep with policy.kind=llm", () => {
  let server: ChatServer;
  beforeAll(async () => {
    server = await startChatServer((body) => ({ kind: "answer", text: creditFollowingAnswer(body) }));
  });
  afterAll(() => server.close());

  it("puts calls, tokens and latency in sweep.csv, keeps every run's calls, and replays the sweep from them", async () => {
    const args = () => ["sweep", "--scenario", "baseline", "--rounds", "20", "--set", "world.users=60", "--set", "world.items=200", "--set", "policy.kind=llm"];
    const sets = ["--set", "policy.options.llm.every=5", "--set", `policy.options.llm.url=${server.url}`, "--set", "policy.options.llm.model=scripted"];
    const grid = ["--grid", "policy.options.llm.between=hold,ema", "--seeds", "2", "--workers", "2"];
    const live = tempDir("llm-sweep-live");
    const r = await cliInProcess([...args(), ...sets, ...grid, "--out", live]);
    expect(r.code, r.stderr).toBe(0);
    const csv = read(live, "sweep.csv").trim().split("\n");
    const columns = csv[0].split(",");
    expect(columns.slice(-6)).toEqual(["weights", "llm_calls", "llm_fallbacks", "llm_prompt_tokens", "llm_completion_tokens", "llm_latency_ms"]);
    const calls = csv.slice(1).map((line) => Number(line.split(",")[columns.indexOf("llm_calls")]));
    expect(calls).toEqual([3, 3, 3, 3]);
    expect(server.requests).toHaveLength(12);
    const transcript = parseTranscript(read(live, "llm-transcript.jsonl"));
    expect(transcript.size).toBe(12);
    const tokens = csv.slice(1).reduce((n, line) => n + Number(line.split(",")[columns.indexOf("llm_prompt_tokens")]), 0);
    expect(tokens).toBe([...transcript.values()].reduce((n, e) => n + e.reply.promptTokens, 0));

    const replay = tempDir("llm-sweep-replay");
    const again = await cliInProcess([...args(), ...sets, ...grid, "--llm-transcript", join(live, "llm-transcript.jsonl"), "--out", replay]);
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests).toHaveLength(12);
    const sorted = (dir: string) => read(dir, "sweep.csv").trim().split("\n").sort();
    expect(sorted(replay)).toEqual(sorted(live));
  });
});

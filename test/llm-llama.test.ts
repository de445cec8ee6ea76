import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadNodeLlamaCpp } from "../cli/llm/llama-backend.js";
import { answerSchema } from "../lib/llm/answer-schema.js";
import { parseAnswer } from "../lib/llm/parse-answer.js";
import { parseTranscript } from "../lib/llm/transcript.js";
import { tinyVocabulary, writeTinyGguf } from "../scripts/make-tiny-gguf.js";
import { cliInProcess, read, tempDir } from "./support/cli.js";

/**
 * node-llama-cpp is optional (npm run llama:install). Without it these tests skip, except in CI (CI=true), where
 * .ci/run installs it and a missing install must fail, not skip.
 */
const available = await loadNodeLlamaCpp().then(
  () => true,
  (e: Error) => {
    if (process.env.CI === "true") throw e;
    return false;
  },
);

const COMPONENTS = ["popularity", "item-cf", "user-cf", "content", "random"];

describe.skipIf(!available)("policy.kind=llm in process: node-llama-cpp runs the tiny GGUF the project writes", () => {
  const dir = tempDir("llm-llama");
  const gguf = join(dir, "tiny-llama.gguf");
  const live = join(dir, "live");
  const replay = join(dir, "replay");
  const args = () => [
    "run",
    "--scenario",
    "baseline",
    "--rounds",
    "30",
    "--set",
    "world.users=60",
    "--set",
    "world.items=200",
    "--set",
    `recommender.components=${COMPONENTS.join(",")}`,
    "--set",
    "policy.kind=llm",
    "--set",
    "policy.options.llm.backend=llama",
    "--set",
    `policy.options.llm.gguf=${gguf}`,
    "--set",
    "policy.options.llm.threads=1",
    "--set",
    "policy.options.llm.every=5",
    "--set",
    "policy.options.llm.reasonLength=40",
  ];

  beforeAll(async () => {
    writeTinyGguf(gguf);
    const r = await cliInProcess([...args(), "--out", live]);
    expect(r.code, r.stderr).toBe(0);
  });

  it("a full run completes with schema-valid weights from every call", () => {
    const summary = JSON.parse(read(live, "summary.json"));
    expect(summary.rounds).toBe(30);
    expect(summary.llm).toMatchObject({ calls: 5, used: 5, fallbacks: 0, fallbackReasons: {}, attempts: 5 });
    const exchanges = [...parseTranscript(read(live, "llm-transcript.jsonl")).values()];
    expect(exchanges.map((e) => e.round)).toEqual([4, 9, 14, 19, 24]);
    for (const e of exchanges) {
      expect(e.model).toBe("llama:tiny-llama.gguf");
      const text = e.reply.text!;
      // the grammar's shape exactly: every component once, in order, weights of at most 4 decimals in [0, 1]
      const json = JSON.parse(text);
      expect(Object.keys(json)).toEqual(["weights", "reason"]);
      expect(Object.keys(json.weights)).toEqual(COMPONENTS);
      for (const c of COMPONENTS) expect(text).toMatch(new RegExp(`"${c}": ?(0(\\.\\d{1,4})?|1(\\.0{1,4})?)[ ,}]`));
      expect(json.reason.length).toBeLessThanOrEqual(40);
      const parsed = parseAnswer(text, COMPONENTS);
      expect(parsed.ok).toBe(true);
      // llama.cpp counted the tokens: the prompt tokenises to about one token per character here
      expect(e.reply.promptTokens).toBeGreaterThan(e.messages.reduce((n, m) => n + m.content.length, 0) / 2);
      expect(e.reply.completionTokens).toBeGreaterThanOrEqual(text.length / 2);
    }
    // the blend serves the model's weights from the round after each call
    const rows = read(live, "rounds.csv").trim().split("\n");
    const cols = rows[0].split(",");
    const first = JSON.parse(exchanges[0].reply.text!).weights as Record<string, number>;
    const sum = Object.values(first).reduce((s, w) => s + w, 0);
    const round5 = rows[6].split(",");
    for (const c of COMPONENTS) expect(Number(round5[cols.indexOf(`w_${c}`)])).toBeCloseTo(first[c] / sum, 9);
  });

  it("the schema the model was held to is the one the HTTP backend sends", () => {
    const e = [...parseTranscript(read(live, "llm-transcript.jsonl")).values()][0];
    expect(e.settings).toEqual({ temperature: 0, maxTokens: 400, seed: 0 });
    expect(answerSchema(COMPONENTS, 40)).toMatchObject({ properties: { weights: { required: COMPONENTS } } });
  });

  it("replays with no model byte for byte", async () => {
    const r = await cliInProcess([...args(), "--set", `policy.options.llm.gguf=${join(dir, "absent", "tiny-llama.gguf")}`, "--llm-transcript", join(live, "llm-transcript.jsonl"), "--out", replay]);
    expect(r.code, r.stderr).toBe(0);
    for (const file of ["rounds.csv", "weights.csv", "llm-transcript.jsonl"]) expect(read(replay, file), file).toBe(read(live, file));
    const { elapsedSeconds: _a, ...a } = JSON.parse(read(live, "summary.json"));
    const { elapsedSeconds: _b, ...b } = JSON.parse(read(replay, "summary.json"));
    expect(b).toEqual(a);
  });
});

describe("the tiny GGUF's vocabulary", () => {
  it("has the special tokens, 256 byte tokens and every printable ASCII character once", () => {
    const { tokens, types } = tinyVocabulary();
    expect(tokens.slice(0, 3)).toEqual(["<unk>", "<s>", "</s>"]);
    expect(tokens[3]).toBe("<0x00>");
    expect(tokens[258]).toBe("<0xFF>");
    expect(tokens).toHaveLength(3 + 256 + 1 + 94);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(types.filter((t) => t === 6)).toHaveLength(256);
  });
});

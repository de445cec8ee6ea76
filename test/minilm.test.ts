import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { backend } from "./support/backend.js";
import { loadEmbeddings, MODEL_DIR_ENV, openEncoder, openMiniLm } from "../cli/embeddings.js";
import { compareEncoders, DEFAULT_LANGUAGE_OPTIONS } from "../cli/language.js";
import { MINILM_MODEL_ID } from "../lib/encoders/minilm.js";
import { ConfigError } from "../lib/config/error.js";
import { makeTinyModel, type TinyModelWeights } from "../scripts/make-tiny-onnx.js";
import { scenario, vocabulary } from "./support/scenario.js";

/** transformers.js is an optional dependency: without it these tests have nothing to load. */
const installed = (() => {
  try {
    createRequire(import.meta.url).resolve("@huggingface/transformers");
    return true;
  } catch {
    return false;
  }
})();
const root = mkdtempSync(join(tmpdir(), "drift-lab-minilm-"));
const modelDir = join(root, "tiny-bert");
let weights: TinyModelWeights;

beforeAll(() => {
  weights = makeTinyModel(modelDir);
});

function layerNorm(x: Float64Array, gamma: Float32Array, beta: Float32Array): Float64Array {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
  return x.map((v, j) => ((v - mean) / Math.sqrt(variance + 1e-12)) * gamma[j] + beta[j]);
}

function times(x: Float64Array, w: Float32Array): Float64Array {
  const H = x.length;
  const out = new Float64Array(H);
  for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) out[j] += x[i] * w[i * H + j];
  return out;
}

/** The tiny model's forward pass and sentence-transformers pooling, written out in plain JS (the test's oracle). */
function reference(words: string[]): Float64Array {
  const w = weights;
  const H = w.hidden;
  const ids = [w.vocab.get("[CLS]")!, ...words.map((t) => w.vocab.get(t)!), w.vocab.get("[SEP]")!];
  const x = ids.map((id, t) => layerNorm(Float64Array.from({ length: H }, (_, j) => w.word[id * H + j] + w.type[j] + w.position[t * H + j]), w.gamma1, w.beta1));
  const q = x.map((r) => times(r, w.wq));
  const k = x.map((r) => times(r, w.wk));
  const v = x.map((r) => times(r, w.wv));
  const pooled = new Float64Array(H);
  x.forEach((xt, t) => {
    const scores = k.map((ks) => ks.reduce((s, kv, j) => s + kv * q[t][j], 0) / Math.sqrt(H));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const z = e.reduce((s, a) => s + a, 0);
    const context = new Float64Array(H);
    e.forEach((a, s) => v[s].forEach((vv, j) => (context[j] += (a / z) * vv)));
    const y = layerNorm(xt.map((xv, j) => xv + times(context, w.wo)[j]), w.gamma2, w.beta2);
    y.forEach((yv, j) => (pooled[j] += yv / x.length));
  });
  const norm = Math.hypot(...pooled);
  return pooled.map((p) => p / norm);
}

describe.runIf(installed)(`minilm through transformers.js on a tiny random BERT (${backend})`, () => {
  it("mean-pools the model's token states under the mask and L2-normalises them", async () => {
    const encoder = await openMiniLm(modelDir, root);
    expect(encoder.kind).toBe("minilm");
    expect(encoder.dim).toBe(16);
    expect(encoder.model).toMatch(/^tiny-bert-[0-9a-f]{12}$/);
    const texts = [["rocket", "launch"], ["loved", "it", ",", "fresh", "pasta"]];
    const out = await encoder.encode(["Rocket launch", "loved it, fresh pasta"]);
    texts.forEach((words, r) => {
      const expected = reference(words);
      for (let j = 0; j < 16; j++) expect(out[r * 16 + j]).toBeCloseTo(expected[j], 4);
    });
    encoder.dispose();
  });

  it("gives each text the same vector alone or padded in a batch, and zero for empty text", async () => {
    const encoder = await openMiniLm(modelDir, root);
    const short = await encoder.encode(["jazz"]);
    const batch = await encoder.encode(["jazz", "bebop solo walking bass brush drums saxophone quartet", ""]);
    for (let j = 0; j < 16; j++) expect(batch[j]).toBeCloseTo(short[j], 5);
    expect(Math.hypot(...batch.subarray(16, 32))).toBeCloseTo(1, 5);
    expect(Array.from(batch.subarray(32, 48)).every((x) => x === 0)).toBe(true);
    encoder.dispose();
  });

  it("finds the model in a folder that holds Xenova/all-MiniLM-L6-v2", async () => {
    const parent = join(root, "models");
    mkdirSync(join(parent, MINILM_MODEL_ID), { recursive: true });
    cpSync(modelDir, join(parent, MINILM_MODEL_ID), { recursive: true });
    const encoder = await openMiniLm(parent, root);
    expect(encoder.dim).toBe(16);
    expect(encoder.model).toMatch(/^all-MiniLM-L6-v2-[0-9a-f]{12}$/);
    encoder.dispose();
  });

  it("without a model, fails in one line naming the fallback, and uses the fallback only when asked", async () => {
    const missing = join(root, "nowhere");
    const error = await openEncoder("minilm", { dim: 32, modelDir: missing, root }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`no model in ${missing}`);
    expect(error.message).toContain("--set encoder.fallback=lm");
    expect(error.message).not.toContain("\n");
    const lines: string[] = [];
    const { encoder } = await openEncoder("minilm", { dim: 32, modelDir: missing, fallback: "hashing", root, log: (l) => lines.push(l) });
    expect(encoder.kind).toBe("hashing");
    expect(encoder.dim).toBe(32);
    expect(lines).toEqual([`minilm is unavailable (no model in ${missing}); using encoder.fallback=hashing`]);
  });

  it("gives a run item vectors from the cache, an event-text encoder and a sentiment reader", async () => {
    const config = scenario(["world.items=120", "world.users=20", "run.rounds=5", "encoder.kind=minilm"]);
    const lines: string[] = [];
    const cacheRoot = join(root, "cache");
    const first = await loadEmbeddings(config, vocabulary(config), { modelDir, root: cacheRoot, log: (l) => lines.push(l) });
    expect(first.dim).toBe(16);
    expect(first.vectors.length).toBe(120 * 16);
    expect(lines.filter((l) => l.startsWith("encoded 120 item texts with minilm")).length).toBe(1);
    const again = await loadEmbeddings(config, vocabulary(config), { modelDir, root: cacheRoot, log: (l) => lines.push(l) });
    expect(lines.length).toBe(1);
    expect(Array.from(again.vectors)).toEqual(Array.from(first.vectors));
    const q = again.encodeText(["rocket launch black hole", "qqq"]);
    expect(Math.hypot(...q.subarray(0, 16))).toBeCloseTo(1, 5);
    expect(Array.from(q.subarray(16)).every((x) => x === 0)).toBe(true);
    // the reader trains through minilm's phrase segments; on this random 16-dimensional model it cannot separate its
    // ~550 examples (about 60 polarity and intensifier segments), so single readings are near chance: check that, as
    // a whole, it reads the fixed positive phrases above the negative ones
    const v = vocabulary(config);
    const mean = (texts: string[]) => again.sentiment(texts.map((t) => `${t}, rocket launch`)).reduce((s, x) => s + x, 0) / texts.length;
    expect(mean(v.sentiment.positive)).toBeGreaterThan(mean(v.sentiment.negative));
  });

  it("takes part in drift-lab language's comparison when its model is on the machine", async () => {
    const saved = process.env[MODEL_DIR_ENV];
    process.env[MODEL_DIR_ENV] = modelDir;
    try {
      const options = { ...DEFAULT_LANGUAGE_OPTIONS, sets: ["world.items=120", "world.users=20"], seeds: [1], rates: [0.5], encoders: ["minilm"], reviews: 50, root: join(root, "cache") };
      const tables = await compareEncoders({ ...options, log: () => {} });
      expect(tables.skipped).toEqual([]);
      expect(tables.rows).toHaveLength(1);
      const row = tables.rows[0];
      expect(row.encoder).toBe("minilm");
      for (const key of ["retrieval", "cold_start_ndcg", "sentiment", "majority"] as const) expect(row[key] >= 0 && row[key] <= 1).toBe(true);
    } finally {
      if (saved === undefined) delete process.env[MODEL_DIR_ENV];
      else process.env[MODEL_DIR_ENV] = saved;
    }
  });
});

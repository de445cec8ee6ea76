import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createHashingEncoder } from "../lib/encoders/hashing.js";
import { makeTinyModel } from "../scripts/make-tiny-onnx.js";
import { cli, tempDir } from "./support/cli.js";

const dir = tempDir("embed");
const input = join(dir, "texts.txt");
const texts = ["rocket launch", "loved it, fresh pasta", "", "bebop solo walking bass"];

beforeAll(() => {
  process.env.DRIFT_LAB_CACHE = join(dir, "cache");
  writeFileSync(input, texts.join("\n") + "\n");
});

const transformers = (() => {
  try {
    return Boolean(createRequire(import.meta.url).resolve("@huggingface/transformers"));
  } catch {
    return false;
  }
})();

describe("drift-lab embed", () => {
  it("writes float32 rows with a JSON header, one row per input line", async () => {
    const out = join(dir, "v.f32");
    const r = await cli(["embed", "--encoder", "hashing", "--dim", "16", "--in", input, "--out", out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(`${out}.json`, "utf8"))).toMatchObject({ encoder: "hashing", model: "hashing-d16-n2-s7", dim: 16, count: 4 });
    const bytes = readFileSync(out);
    const vectors = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(Array.from(vectors)).toEqual(Array.from(createHashingEncoder({ dim: 16 }).encodeSync(texts)));
    expect(r.stderr).toContain("4 texts");
  });

  it("writes CSV by extension, with lm trained on --corpus", async () => {
    const corpus = join(dir, "corpus.txt");
    writeFileSync(corpus, Array.from({ length: 40 }, (_, i) => (i % 2 ? "rocket launch black hole" : "fresh pasta slow roasted")).join("\n"));
    const csv = join(dir, "v.csv");
    const lm = await cli(["embed", "--encoder", "lm", "--dim", "8", "--corpus", corpus, "--in", input, "--out", csv]);
    expect(lm.code).toBe(0);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    expect(lines[0]).toBe("line,d0,d1,d2,d3,d4,d5,d6,d7");
    expect(lines.length).toBe(5);
    expect(lines[3]).toBe("3,0,0,0,0,0,0,0,0");
  });

  it.runIf(transformers)("writes JSON by extension, with minilm from --model-dir", async () => {
    makeTinyModel(join(dir, "tiny-bert"));
    const json = join(dir, "v.json");
    const mini = await cli(["embed", "--encoder", "minilm", "--model-dir", join(dir, "tiny-bert"), "--in", input, "--out", json]);
    expect(mini.code).toBe(0);
    const parsed = JSON.parse(readFileSync(json, "utf8"));
    expect(parsed).toMatchObject({ encoder: "minilm", dim: 16, count: 4 });
    expect(parsed.vectors.length).toBe(4);
    expect(Math.hypot(...parsed.vectors[0])).toBeCloseTo(1, 5);
  });

  it("fails in one line, exit 2, on a missing model, an unknown encoder or format", async () => {
    const missing = await cli(["embed", "--encoder", "minilm", "--model-dir", join(dir, "none"), "--in", input, "--out", join(dir, "x.f32")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain("minilm is unavailable");
    expect(missing.stderr).toContain("--fallback lm");
    const unknown = await cli(["embed", "--encoder", "bert", "--in", input, "--out", join(dir, "x.f32")]);
    expect(unknown.stderr.trim()).toBe("drift-lab: --encoder: unknown encoder 'bert' (allowed: hashing, lm, pretrained, minilm)");
    const format = await cli(["embed", "--encoder", "hashing", "--in", input, "--out", join(dir, "x.npy")]);
    expect([format.code, format.stderr.trim()]).toEqual([2, "drift-lab: --out: unknown format '.npy' (allowed: .f32, .csv, .json)"]);
  });
});

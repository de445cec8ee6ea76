import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backend } from "./support/backend.js";
import { EmbeddingCache, encodeCached } from "../cli/embedding-cache.js";
import { loadEmbeddings } from "../cli/embeddings.js";
import { loadOrTrainLm } from "../cli/lm-cache.js";
import type { Encoder } from "../lib/encoders/encoder.js";
import { createHashingEncoder } from "../lib/encoders/hashing.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { worldCorpus } from "../lib/simulation/world-corpus.js";
import { scenario, vocabulary } from "./support/scenario.js";

/** A hashing encoder that counts the texts it is asked to encode. */
function counting(): Encoder & { calls: string[] } {
  const inner = createHashingEncoder({ dim: 8 });
  const calls: string[] = [];
  return { ...inner, calls, encode: async (texts) => (calls.push(...texts), inner.encodeSync(texts)) };
}

describe(`embedding cache on disk (${backend})`, () => {
  it("encodes each distinct text once and reads it back from disk in a later process", async () => {
    const root = mkdtempSync(join(tmpdir(), "drift-lab-cache-"));
    const a = counting();
    const first = await encodeCached(a, ["x y", "z", "x y"], root);
    expect(a.calls).toEqual(["x y", "z"]);
    expect(first).toMatchObject({ encoded: 2, cached: 0 });
    const b = counting();
    const second = await encodeCached(b, ["z", "w", "x y"], root);
    expect(b.calls).toEqual(["w"]);
    expect(second).toMatchObject({ encoded: 1, cached: 2 });
    const direct = createHashingEncoder({ dim: 8 }).encodeSync(["z", "w", "x y"]);
    expect(Array.from(second.vectors)).toEqual(Array.from(direct));
    const dir = join(root, "embeddings", "hashing", "hashing-d8-n2-s7");
    expect(readdirSync(dir).map((f) => f.split(".").pop()).sort()).toEqual(["f32", "f32", "json", "json"]);
  });

  it("keeps encoders, models and dimensions apart", () => {
    const root = mkdtempSync(join(tmpdir(), "drift-lab-cache-"));
    new EmbeddingCache("lm", "m1", 2, root).store(["t"], Float32Array.of(1, 2));
    expect(new EmbeddingCache("lm", "m1", 2, root).lookup(["t"]).missing).toEqual([]);
    expect(new EmbeddingCache("lm", "m2", 2, root).lookup(["t"]).missing).toEqual([0]);
    expect(new EmbeddingCache("minilm", "m1", 2, root).lookup(["t"]).missing).toEqual([0]);
    expect(new EmbeddingCache("lm", "m1", 3, root).lookup(["t"]).missing).toEqual([0]);
    expect(new EmbeddingCache("lm", "a/b c", 2, root).dir.endsWith(join("lm", "a_b_c"))).toBe(true);
  });

  it("trains the lm once per corpus and options, then reads it from disk", async () => {
    const root = mkdtempSync(join(tmpdir(), "drift-lab-cache-"));
    const config = scenario(["world.items=100", "world.users=10", "run.rounds=5"]);
    const corpus = worldCorpus(config, vocabulary(config));
    const first = await loadOrTrainLm(corpus, { epochs: 1, dim: 16 }, root);
    const again = await loadOrTrainLm(corpus, { epochs: 1, dim: 16 }, root);
    expect([first.trained, again.trained]).toEqual([true, false]);
    expect(Array.from(again.model.vectors)).toEqual(Array.from(first.model.vectors));
    expect(Array.from(again.model.pc)).toEqual(Array.from(first.model.pc));
    expect(again.model.words).toEqual(first.model.words);
    expect((await loadOrTrainLm(corpus, { epochs: 2, dim: 16 }, root)).trained).toBe(true);
  });

  it("feeds a run the lm's vectors and text encoders, and hashing's exactly as the simulation makes them", async () => {
    const root = mkdtempSync(join(tmpdir(), "drift-lab-cache-"));
    const config = scenario(["world.items=150", "world.users=20", "run.rounds=4", "encoder.dim=16", "recommender.components=content,popularity"]);
    const vocab = vocabulary(config);
    const hashing = await loadEmbeddings(config, vocab, { root, log: () => {} });
    expect(Array.from(hashing.vectors)).toEqual(Array.from(new Simulation(config, vocab).embeddings.vectors));
    const lines: string[] = [];
    const lmConfig = { ...config, encoder: { ...config.encoder, kind: "lm" as const } };
    const lm = await loadEmbeddings(lmConfig, vocab, { root, log: (l) => lines.push(l) });
    expect(lines.map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual(["trained the", "encoded 150"]);
    expect(lm.encoder.kind).toBe("lm");
    expect(lm.vectors.length).toBe(150 * 16);
    expect(lm.encodeText(["rocket launch"]).length).toBe(16);
    const simulation = new Simulation(lmConfig, vocab, { embeddings: lm });
    while (!simulation.done) simulation.step();
    simulation.dispose();
    await loadEmbeddings(lmConfig, vocab, { root, log: (l) => lines.push(l) });
    expect(lines.length).toBe(2);
  });
});

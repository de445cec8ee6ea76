import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type LmModel, lmModelKey, type LmOptions, trainLm, validateLmOptions } from "../lib/index.js";
import { UsageError } from "./args.js";
import { makeDirectory } from "./directories.js";
import { cacheRoot, writeThrough } from "./embedding-cache.js";

type Header = Omit<LmModel, "vectors" | "pc"> & { pc: number[] };

/**
 * The `lm` model for this corpus and these options: read from `<root>/lm/<key>.json` + `<key>.f32` (word
 * vectors, words × dim float32) when trained before, else trained in TensorFlow.js and written there.
 */
export async function loadOrTrainLm(corpus: string[], options: Partial<LmOptions> = {}, root = cacheRoot()): Promise<{ model: LmModel; trained: boolean; seconds: number }> {
  const o = validateLmOptions(options);
  const key = lmModelKey(corpus, o);
  const dir = join(root, "lm");
  const header = join(dir, `${key}.json`);
  const vectors = join(dir, `${key}.f32`);
  if (existsSync(header) && existsSync(vectors)) {
    const h = JSON.parse(readFileSync(header, "utf8")) as Header;
    const bytes = readFileSync(vectors);
    const v = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (v.length === h.words.length * h.options.dim) return { model: { ...h, pc: Float32Array.from(h.pc), vectors: v }, trained: false, seconds: 0 };
  }
  const started = performance.now();
  const model = await trainLm(corpus, o);
  const seconds = (performance.now() - started) / 1000;
  const { vectors: v, pc, ...rest } = model;
  try {
    makeDirectory(dir, "cache");
    writeThrough(vectors, new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    writeThrough(header, JSON.stringify({ ...rest, pc: Array.from(pc) } satisfies Header));
  } catch (e) {
    // the cache only saves time: a model that cannot be stored is trained again next time
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`drift-lab: ${e.message}; continuing without caching the lm model\n`);
  }
  return { model, trained: true, seconds };
}

import { join } from "node:path";
import { type LmModel, lmModelKey, type LmOptions, trainLm, validateLmOptions } from "../lib/index.js";
import { cacheRoot, readVectorPair, writeVectorPair } from "./embedding-cache.js";

type Header = Omit<LmModel, "vectors" | "pc"> & { pc: number[] };

/**
 * The `lm` model for this corpus and these options: read from `<root>/lm/<key>.json` + `<key>.f32` (word
 * vectors, words × dim float32) when trained before, else trained in TensorFlow.js and written there.
 */
export async function loadOrTrainLm(corpus: string[], options: Partial<LmOptions> = {}, root = cacheRoot()): Promise<{ model: LmModel; trained: boolean; seconds: number }> {
  const o = validateLmOptions(options);
  const key = lmModelKey(corpus, o);
  const dir = join(root, "lm");
  const cached = readVectorPair<Header>(dir, key, (h) => h.words.length * h.options.dim);
  if (cached) return { model: { ...cached.header, pc: Float32Array.from(cached.header.pc), vectors: cached.vectors }, trained: false, seconds: 0 };
  const started = performance.now();
  const model = await trainLm(corpus, o);
  const seconds = (performance.now() - started) / 1000;
  const { vectors, pc, ...rest } = model;
  writeVectorPair(dir, key, { ...rest, pc: Array.from(pc) } satisfies Header, vectors, "the lm model");
  return { model, trained: true, seconds };
}

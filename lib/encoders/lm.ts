import { Hasher } from "../util/hash.js";
import { l2normalise, tokenize, type SyncEncoder } from "./encoder.js";
import { DEFAULT_SGNS_OPTIONS, trainSgns, type SgnsOptions } from "./sgns.js";
import { firstPrincipalComponent, removeComponent, sifAverage, sifWeights } from "./sif.js";
import { buildWordVocabulary, vocabularyOf, wordIds } from "./word-vocabulary.js";

export interface LmOptions extends SgnsOptions {
  /** Words seen fewer times are left out of the vocabulary. */
  minCount: number;
  maxWords: number;
  /** SIF smoothing a: a word's weight is a / (a + p(w)). */
  sifA: number;
}

export const DEFAULT_LM_OPTIONS: LmOptions = { ...DEFAULT_SGNS_OPTIONS, minCount: 2, maxWords: 20_000, sifA: 1e-3 };

/** A trained `lm` encoder as plain data, so it can be cached on disk and sent to a worker or a page. */
export interface LmModel {
  /** Hash of the corpus and the options: the cache key and part of the model name. */
  key: string;
  options: LmOptions;
  words: string[];
  counts: number[];
  /** words × dim word vectors. */
  vectors: Float32Array;
  /** The corpus's first principal component of SIF averages, removed from every sentence vector. */
  pc: Float32Array;
  /** Mean training loss per epoch. */
  losses: number[];
  sentences: number;
}

export function validateLmOptions(options: Partial<LmOptions> = {}): LmOptions {
  const o = { ...DEFAULT_LM_OPTIONS, ...options };
  const integers: [keyof LmOptions, number][] = [["dim", 2], ["window", 1], ["negatives", 1], ["epochs", 1], ["batch", 1], ["minCount", 1], ["maxWords", 2]];
  for (const [name, min] of integers) {
    const v = o[name];
    if (!Number.isInteger(v) || v < min) throw new RangeError(`lm.${name}: expected an integer ≥ ${min}, got ${v}`);
  }
  for (const name of ["learningRate", "sifA"] as const) {
    if (!(o[name] > 0)) throw new RangeError(`lm.${name}: expected a positive number, got ${o[name]}`);
  }
  if (!(o.subsample >= 0)) throw new RangeError(`lm.subsample: expected a number ≥ 0, got ${o.subsample}`);
  return o;
}

/** The cache key of a model trained on this corpus with these options. */
export function lmModelKey(corpus: string[], options: LmOptions): string {
  const h = new Hasher().string("lm/v1");
  for (const [k, v] of Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1))) h.string(k).number(v);
  h.number(corpus.length);
  for (const text of corpus) h.string(text);
  return h.hex();
}

/** Trains word vectors on the corpus (SGNS, in TensorFlow.js) and fits the SIF common component. */
export async function trainLm(corpus: string[], options: Partial<LmOptions> = {}): Promise<LmModel> {
  const o = validateLmOptions(options);
  const sentences = corpus.map(tokenize);
  const vocabulary = buildWordVocabulary(sentences, o.minCount, o.maxWords);
  if (vocabulary.words.length < 2) throw new RangeError(`lm: the corpus has ${vocabulary.words.length} word(s) seen ${o.minCount}+ times; need at least 2`);
  const ids = sentences.map((s) => wordIds(s, vocabulary));
  const { vectors, losses } = await trainSgns(ids, vocabulary.counts, o);
  const averages = sifAverage(ids, vectors, sifWeights(vocabulary.counts, o.sifA), o.dim);
  return {
    key: lmModelKey(corpus, o),
    options: o,
    words: vocabulary.words,
    counts: Array.from(vocabulary.counts),
    vectors,
    pc: firstPrincipalComponent(averages, o.dim),
    losses,
    sentences: corpus.length,
  };
}

/** Sentence vectors from a trained model: SIF-weighted word averages, common component removed, L2-normalised. */
export function createLmEncoder(model: LmModel): SyncEncoder {
  const d = model.options.dim;
  const vocabulary = vocabularyOf(model.words, model.counts);
  const weights = sifWeights(vocabulary.counts, model.options.sifA);
  const encodeSync = (texts: string[]) => {
    const ids = texts.map((t) => wordIds(tokenize(t), vocabulary));
    return l2normalise(removeComponent(sifAverage(ids, model.vectors, weights, d), d, model.pc), d);
  };
  return {
    kind: "lm",
    model: `sgns-d${d}-${model.key}`,
    dim: d,
    encodeSync,
    encode: async (texts) => encodeSync(texts),
    dispose: () => {},
  };
}

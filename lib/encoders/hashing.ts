import { Stream } from "../random/stream.js";
import { hashString } from "../util/hash.js";
import { l2normalise, tokenize, type Encoder } from "./encoder.js";

export interface HashingOptions {
  dim: number;
  seed: number;
  /** Longest word n-gram hashed (1 = words only, 2 = words and bigrams). */
  ngrams: number;
}

export const DEFAULT_HASHING_OPTIONS: HashingOptions = { dim: 64, seed: 7, ngrams: 2 };

/**
 * The baseline encoder that needs no model: each word n-gram is hashed to a seeded Gaussian vector (a random
 * projection of the one-hot hashed feature space), and a text's vector is the normalised sum over its n-grams.
 */
export function createHashingEncoder(options: Partial<HashingOptions> = {}): Encoder & { encodeSync(texts: string[]): Float32Array } {
  const o = { ...DEFAULT_HASHING_OPTIONS, ...options };
  const cache = new Map<string, Float32Array>();
  const gramVector = (gram: string) => {
    let v = cache.get(gram);
    if (!v) {
      const s = new Stream(`hashing/${o.seed}/${hashString(gram)}`);
      v = new Float32Array(o.dim);
      for (let j = 0; j < o.dim; j++) v[j] = s.normal();
      cache.set(gram, v);
    }
    return v;
  };
  const encodeSync = (texts: string[]) => {
    const out = new Float32Array(texts.length * o.dim);
    texts.forEach((text, r) => {
      const words = tokenize(text);
      for (let n = 1; n <= o.ngrams; n++) {
        for (let i = 0; i + n <= words.length; i++) {
          const v = gramVector(words.slice(i, i + n).join(" "));
          for (let j = 0; j < o.dim; j++) out[r * o.dim + j] += v[j];
        }
      }
    });
    return l2normalise(out, o.dim);
  };
  return {
    kind: "hashing",
    model: `hashing-d${o.dim}-n${o.ngrams}-s${o.seed}`,
    dim: o.dim,
    encodeSync,
    encode: async (texts) => encodeSync(texts),
    dispose: () => cache.clear(),
  };
}

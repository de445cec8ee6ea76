import { l2normalise, tokenize, type SyncEncoder } from "./encoder.js";

/**
 * A synchronous stand-in for an encoder too slow to call per event: a text's vector is the normalised mean of
 * the vectors of the known segments (phrases, encoded beforehand) it contains, matched longest first over its
 * words. Words outside every segment are ignored; a text with no known segment gets a zero vector.
 */
export function createSegmentEncoder(base: { kind: string; model: string; dim: number }, segments: string[], vectors: Float32Array): SyncEncoder {
  const { dim } = base;
  const index = new Map<string, number>();
  segments.forEach((s, i) => {
    const key = tokenize(s).join(" ");
    if (key && !index.has(key)) index.set(key, i);
  });
  const longest = Math.max(1, ...[...index.keys()].map((k) => k.split(" ").length));
  const encodeSync = (texts: string[]) => {
    const out = new Float32Array(texts.length * dim);
    texts.forEach((text, r) => {
      const words = tokenize(text);
      for (let i = 0; i < words.length; ) {
        let matched = 0;
        for (let n = Math.min(longest, words.length - i); n >= 1 && matched === 0; n--) {
          const s = index.get(words.slice(i, i + n).join(" "));
          if (s === undefined) continue;
          for (let j = 0; j < dim; j++) out[r * dim + j] += vectors[s * dim + j];
          matched = n;
        }
        i += Math.max(1, matched);
      }
    });
    return l2normalise(out, dim);
  };
  return { kind: base.kind, model: `${base.model}+segments`, dim, encodeSync, encode: async (texts) => encodeSync(texts), dispose: () => {} };
}

import type { Stream } from "../random/stream.js";

export interface SkipgramPairs {
  centers: Int32Array;
  contexts: Int32Array;
}

/** word2vec's chance of keeping an occurrence of a word of corpus frequency f: √(t/f) + t/f, at most 1. */
export function keepProbabilities(counts: Float64Array, threshold: number): Float64Array {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => {
    if (threshold <= 0) return 1;
    const r = threshold / (c / total);
    return Math.min(1, Math.sqrt(r) + r);
  });
}

/**
 * (center, context) pairs within each sentence after subsampling frequent words, with word2vec's dynamic
 * window: each center looks 1 … `window` words either side, the reach drawn uniformly.
 */
export function skipgramPairs(sentences: Int32Array[], window: number, keep: Float64Array, stream: Stream): SkipgramPairs {
  const centers: number[] = [];
  const contexts: number[] = [];
  for (const sentence of sentences) {
    const kept = sentence.filter((w) => stream.next() < keep[w]);
    for (let i = 0; i < kept.length; i++) {
      const reach = 1 + stream.int(window);
      for (let j = Math.max(0, i - reach); j <= Math.min(kept.length - 1, i + reach); j++) {
        if (j === i) continue;
        centers.push(kept[i]);
        contexts.push(kept[j]);
      }
    }
  }
  return { centers: Int32Array.from(centers), contexts: Int32Array.from(contexts) };
}

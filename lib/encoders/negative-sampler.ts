import type { Stream } from "../random/stream.js";

/** Draws word ids from the unigram distribution raised to `power` (0.75 in word2vec), by binary search. */
export function negativeSampler(counts: Float64Array, power = 0.75): (stream: Stream) => number {
  const cumulative = new Float64Array(counts.length);
  let total = 0;
  counts.forEach((c, i) => (cumulative[i] = total += c ** power));
  return (stream) => {
    const x = stream.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

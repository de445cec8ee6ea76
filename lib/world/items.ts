import type { Stream } from "../random/stream.js";
import type { WorldConfig } from "./config.js";
import type { Vocabulary } from "./topics.js";
import { describeItem } from "./text.js";

/** The catalog's ground truth. Item ids are ordered by arrival round, so the items available at round t are a prefix. */
export interface Items {
  count: number;
  topics: number;
  /** count × topics, row-major: the true feature vector φ_i, a sparse mixture on the simplex. */
  features: Float32Array;
  quality: Float64Array;
  arrival: Int32Array;
  /** Standardised log of the popularity prior. */
  popularity: Float64Array;
  /** The item's dominant topic. */
  mainTopic: Int32Array;
  title: string[];
  text: string[];
}

export function arrivalRounds(count: number, initialShare: number, rounds: number, stream: Stream): Int32Array {
  const initial = Math.round(count * initialShare);
  const arrival = new Int32Array(count);
  const later = Array.from({ length: count - initial }, () => 1 + stream.int(Math.max(1, rounds - 1)));
  later.sort((a, b) => a - b);
  arrival.set(later, initial);
  return arrival;
}

export function generateItems(config: WorldConfig, vocabulary: Vocabulary, rounds: number, stream: Stream): Items {
  const { items: count, topics } = config;
  const features = new Float32Array(count * topics);
  const quality = new Float64Array(count);
  const logPrior = new Float64Array(count);
  const mainTopic = new Int32Array(count);
  const title: string[] = [];
  const text: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = 1 + stream.int(config.topicsPerItem);
    const chosen = stream.sample(topics, m);
    const mix = stream.dirichlet(chosen.map(() => 2));
    let best = 0;
    chosen.forEach((t, j) => {
      features[i * topics + t] = mix[j];
      if (mix[j] > mix[best]) best = j;
    });
    mainTopic[i] = chosen[best];
    quality[i] = stream.normal(0, config.qualitySd);
    logPrior[i] = stream.normal(0, config.popularitySigma);
    const described = describeItem(chosen, mix, vocabulary, stream);
    title.push(described.title);
    text.push(described.text);
  }
  return {
    count,
    topics,
    features,
    quality,
    arrival: arrivalRounds(count, config.initialItems, rounds, stream),
    popularity: standardise(logPrior),
    mainTopic,
    title,
    text,
  };
}

function standardise(x: Float64Array): Float64Array {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n) || 1;
  return x.map((v) => (v - mean) / sd);
}

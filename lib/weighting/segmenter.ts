import { Hasher } from "../util/hash.js";
import type { SegmentOptions } from "./config.js";
import { argmax } from "./learner.js";
import type { SlateFeedback } from "./policy.js";

/** Assigns users to segments from what the recommender observes (see SegmentOptions). −1: no segment yet. */
export interface Segmenter {
  readonly count: number;
  segment(user: number): number;
  observe(round: number, feedback: SlateFeedback[], credits: Float64Array[]): void;
}

export function createSegmenter(options: SegmentOptions, users: number, components: number): Segmenter {
  if (options.by === "credit") return creditSegmenter(options, users, components);
  if (options.by === "activity") return activitySegmenter(options, users);
  return hashSegmenter(options);
}

/** The component with the highest running-mean credit on the user's own slates (rate max(1/n, 0.1)). */
function creditSegmenter(options: SegmentOptions, users: number, K: number): Segmenter {
  const mean = new Float64Array(users * K);
  const slates = new Int32Array(users);
  return {
    count: K,
    segment: (u) => (slates[u] >= options.minSlates ? argmax(mean.subarray(u * K, (u + 1) * K)) : -1),
    observe(_round, feedback, credits) {
      feedback.forEach((f, s) => {
        const u = f.user;
        slates[u]++;
        const rate = Math.max(1 / slates[u], 0.1);
        for (let k = 0; k < K; k++) mean[u * K + k] += rate * (credits[s][k] - mean[u * K + k]);
      });
    },
  };
}

/** Quantile bins of slates per round since the user was first served, re-cut every round. */
function activitySegmenter(options: SegmentOptions, users: number): Segmenter {
  const first = new Int32Array(users).fill(-1);
  const slates = new Int32Array(users);
  const bin = new Int32Array(users).fill(-1);
  return {
    count: options.count,
    segment: (u) => bin[u],
    observe(round, feedback) {
      for (const f of feedback) {
        if (first[f.user] < 0) first[f.user] = round;
        slates[f.user]++;
      }
      const seen: number[] = [];
      for (let u = 0; u < users; u++) if (first[u] >= 0) seen.push(u);
      const rate = (u: number) => slates[u] / (round - first[u] + 1);
      seen.sort((a, b) => rate(a) - rate(b) || a - b);
      seen.forEach((u, j) => (bin[u] = Math.min(options.count - 1, Math.floor((j * options.count) / seen.length))));
    },
  };
}

function hashSegmenter(options: SegmentOptions): Segmenter {
  return {
    count: options.count,
    segment: (u) => new Hasher().number(u).uint32() % options.count,
    observe() {},
  };
}

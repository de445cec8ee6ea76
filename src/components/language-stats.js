import {meanInterval, pairByKey, pairedDifference} from "../lib/index.js";

export const ENCODER_NAMES = {
  hashing: "hashing (no model)",
  lm: "lm (trained on the world's text)",
  pretrained: "pretrained (GloVe word vectors)",
  minilm: "minilm (sentence transformer)",
};

/** Mean and 95 % t interval of `metric` per (group keys), e.g. per encoder and rate. */
export function intervals(rows, metric, keys) {
  const groups = new Map();
  for (const r of rows) {
    const k = keys.map((key) => r[key]).join("\u0000");
    if (!groups.has(k)) groups.set(k, {...Object.fromEntries(keys.map((key) => [key, r[key]])), values: []});
    groups.get(k).values.push(r[metric]);
  }
  return [...groups.values()].map(({values, ...g}) => ({...g, ...meanInterval(values)}));
}

/** The paired difference of `metric` between two encoders at one rate, paired by seed. */
export function encoderDifference(rows, metric, treatment, baseline, rate) {
  const arm = (encoder) => rows.filter((r) => r.encoder === encoder && (rate === undefined || r.rate === rate)).map((r) => [r.seed, r[metric]]);
  const pairs = pairByKey(arm(treatment), arm(baseline));
  return {treatment, baseline, rate, seeds: pairs.keys, ...pairedDifference(pairs.treatment, pairs.baseline)};
}

/** "significant" when the 95 % interval of a paired difference excludes 0. */
export function verdict(d) {
  if (!(d.n > 1)) return "not measured";
  if (d.lo > 0) return "higher, significantly";
  if (d.hi < 0) return "lower, significantly";
  return "not significantly different";
}

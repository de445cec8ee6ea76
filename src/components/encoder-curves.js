import * as Plot from "@observablehq/plot";
import {colourScale, ENCODER_COLOURS} from "./palette.js";

/**
 * A metric over the paraphrase rate, one line per encoder (the mean over seeds) with its 95 % interval as a band.
 * rows: [{encoder, rate, mean, lo, hi}]; `floor` rows ([{rate, mean}]) draw a dashed reference (e.g. exact-token matching).
 */
export function encoderCurves(rows, {width, height = 260, label, y, floor = null, floorLabel = "", defaultRate = null}) {
  const encoders = Object.keys(ENCODER_COLOURS).filter((e) => rows.some((r) => r.encoder === e));
  return Plot.plot({
    width,
    height,
    ariaLabel: label,
    x: {label: "paraphrase rate ρ (share of users' phrases in everyday words) →", domain: [0, 1]},
    y: {label: y, grid: true, domain: [0, Math.max(0.05, ...rows.map((r) => r.hi), ...(floor ?? []).map((r) => r.mean)) * 1.05]},
    color: {legend: true, ...colourScale("encoder", encoders), label: "encoder"},
    marks: [
      defaultRate === null ? null : Plot.ruleX([defaultRate], {stroke: "currentColor", strokeOpacity: 0.3, strokeDasharray: "4,3"}),
      Plot.areaY(rows, {x: "rate", y1: "lo", y2: "hi", fill: "encoder", fillOpacity: 0.15}),
      Plot.lineY(rows, {x: "rate", y: "mean", stroke: "encoder", strokeWidth: 2}),
      Plot.dot(rows, {x: "rate", y: "mean", fill: "encoder", r: 3, tip: true, title: (r) => `${r.encoder} at ρ = ${r.rate}: ${r.mean.toFixed(3)} [${r.lo.toFixed(3)}, ${r.hi.toFixed(3)}], ${r.n} seeds`}),
      floor ? Plot.lineY(floor, {x: "rate", y: "mean", stroke: "currentColor", strokeDasharray: "2,3"}) : null,
      floor ? Plot.text(floor.slice(-1), {x: "rate", y: "mean", text: () => floorLabel, dy: -8, textAnchor: "end"}) : null,
    ],
  });
}

/** Content's blend weight over rounds per encoder (mean over seeds), with the shift marked. rows: [{encoder, round, value}] */
export function encoderRounds(rows, {width, height = 240, label, y, shift}) {
  const encoders = Object.keys(ENCODER_COLOURS).filter((e) => rows.some((r) => r.encoder === e));
  return Plot.plot({
    width,
    height,
    ariaLabel: label,
    x: {label: "round"},
    y: {label: y, grid: true},
    color: {legend: true, ...colourScale("encoder", encoders), label: "encoder"},
    marks: [
      Plot.ruleX([shift], {stroke: "currentColor", strokeOpacity: 0.4, strokeDasharray: "4,3"}),
      Plot.lineY(rows, {x: "round", y: "value", stroke: "encoder", tip: true}),
    ],
  });
}

/** Paired differences (mean and 95 % interval) as horizontal bars against zero. rows: [{label, mean, lo, hi}] */
export function differenceBars(rows, {width, label, x}) {
  return Plot.plot({
    width,
    height: 60 + 28 * rows.length,
    marginLeft: 230,
    ariaLabel: label,
    x: {label: x, grid: true},
    y: {label: null, domain: rows.map((r) => r.label)},
    marks: [
      Plot.ruleX([0], {stroke: "currentColor"}),
      Plot.ruleY(rows, {y: "label", x1: "lo", x2: "hi", strokeWidth: 3, stroke: (r) => (r.lo > 0 ? "#0072b2" : r.hi < 0 ? "#d55e00" : "#9c9c9c")}),
      Plot.dot(rows, {y: "label", x: "mean", r: 4, fill: "currentColor", tip: true, title: (r) => `${r.label}: ${r.mean.toFixed(4)} [${r.lo.toFixed(4)}, ${r.hi.toFixed(4)}], ${r.n} seeds`}),
    ],
  });
}

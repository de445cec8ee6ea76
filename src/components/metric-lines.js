import * as Plot from "@observablehq/plot";
import {colourScale} from "./palette.js";

/**
 * One or more metrics over rounds as lines, in the palette's metric colours. rows: [{round, metric, value}], where
 * metric is a palette name (ctr, ndcg, ild, …); `names` gives each a display label. `rounds` fixes the x axis to
 * the whole run. Comparisons, in the same colours: `ghost` (a pinned run) dashed, `baseline` (static weights on the
 * same seed) dotted, and `band` ([{round, metric, lo, hi}], a 95 % interval over seeds) as a shaded band.
 */
export function metricLines(rows, {width, height = 200, label = "Metrics over rounds", y = "value", events = [], names = {}, rounds, ghost = [], baseline = [], band = []} = {}) {
  const metrics = [...new Set([...rows, ...ghost, ...baseline].map((d) => d.metric))];
  const few = new Set(rows.map((d) => d.round)).size <= 2;
  return Plot.plot({
    width,
    height,
    ariaLabel: label,
    x: {label: "round", ...(rounds ? {domain: [0, Math.max(1, rounds - 1)]} : {})},
    y: {label: y, grid: true, zero: true},
    color: {...colourScale("metric", metrics), legend: true, label: "metric", tickFormat: (m) => names[m] ?? m},
    marks: [
      Plot.ruleX(events, {x: "round", stroke: "currentColor", strokeOpacity: 0.4, strokeDasharray: "4,3"}),
      band.length ? Plot.areaY(band, {x: "round", y1: "lo", y2: "hi", fill: "metric", fillOpacity: 0.18, z: "metric"}) : null,
      baseline.length ? Plot.lineY(baseline, {x: "round", y: "value", z: "metric", stroke: "metric", strokeDasharray: "1,3", strokeWidth: 1.5}) : null,
      ghost.length ? Plot.lineY(ghost, {x: "round", y: "value", z: "metric", stroke: "metric", strokeDasharray: "5,3", strokeOpacity: 0.8}) : null,
      Plot.lineY(rows, {x: "round", y: "value", z: "metric", stroke: "metric", tip: true, marker: few ? "dot" : null}),
    ],
  });
}

import * as Plot from "@observablehq/plot";
import {colourScale} from "./palette.js";

/**
 * One or more metrics over rounds as lines, in the palette's metric colours. rows: [{round, metric, value}], where
 * metric is a palette name (ctr, ndcg, ild, …); `names` gives each a display label.
 */
export function metricLines(rows, {width, height = 200, label = "Metrics over rounds", y = "value", events = [], names = {}} = {}) {
  const metrics = [...new Set(rows.map((d) => d.metric))];
  return Plot.plot({
    width,
    height,
    ariaLabel: label,
    x: {label: "round"},
    y: {label: y, grid: true, zero: true},
    color: {...colourScale("metric", metrics), legend: true, label: "metric", tickFormat: (m) => names[m] ?? m},
    marks: [
      Plot.ruleX(events, {x: "round", stroke: "currentColor", strokeOpacity: 0.4, strokeDasharray: "4,3"}),
      Plot.lineY(rows, {x: "round", y: "value", stroke: "metric", tip: true}),
    ],
  });
}

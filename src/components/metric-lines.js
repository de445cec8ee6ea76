import * as Plot from "@observablehq/plot";

/** One or more metrics over rounds as lines. rows: [{round, metric, value}]. */
export function metricLines(rows, {width, height = 200, label = "Metrics over rounds", y = "value", events = []} = {}) {
  return Plot.plot({
    width,
    height,
    ariaLabel: label,
    x: {label: "round"},
    y: {label: y, grid: true, zero: true},
    color: {legend: true, label: "metric"},
    marks: [
      Plot.ruleX(events, {x: "round", stroke: "currentColor", strokeOpacity: 0.4, strokeDasharray: "4,3"}),
      Plot.lineY(rows, {x: "round", y: "value", stroke: "metric", tip: true}),
    ],
  });
}

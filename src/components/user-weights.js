import * as Plot from "@observablehq/plot";
import {colourScale} from "./palette.js";

/** Per-user blend weights: one small panel per user. rows: [{user, round, component, weight}]. */
export function userWeights(rows, {width, components, label = "Per-user blend weights", events = []} = {}) {
  return Plot.plot({
    width,
    height: 90 * new Set(rows.map((d) => d.user)).size + 40,
    ariaLabel: label,
    x: {label: "round"},
    y: {label: "π", domain: [0, 1], ticks: 2},
    fy: {label: "user"},
    color: {...colourScale("component", components), legend: true, label: "component"},
    marks: [
      Plot.frame({strokeOpacity: 0.2}),
      Plot.ruleX(events, {x: "round", stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "4,3"}),
      Plot.lineY(rows, {x: "round", y: "weight", stroke: "component", fy: "user", tip: true}),
    ],
  });
}

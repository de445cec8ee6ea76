import * as Plot from "@observablehq/plot";
import {paretoFrontier} from "./pareto.js";
import {colourScale} from "./palette.js";

/**
 * Diversity (x) against accuracy (y): one dot per (policy, λ_div), labelled with λ_div, lines joining each
 * policy's knob settings, and the Pareto frontier (nothing beats it on both axes) as a thick line.
 * points: [{policy, diversity, <x>, <y>}] (means over seeds).
 */
export function frontierChart(points, {width, x, y, xLabel = x, yLabel = y, height = 360, label} = {}) {
  const frontier = paretoFrontier(points, (p) => p[x], (p) => p[y]);
  return Plot.plot({
    width,
    height,
    ariaLabel: label ?? `${yLabel} against ${xLabel}`,
    ariaDescription: "Scatter plot: each dot is a policy at one diversity setting; the dark line is the Pareto frontier.",
    grid: true,
    x: {label: `${xLabel} →`},
    y: {label: `↑ ${yLabel}`},
    color: {...colourScale("policy", [...new Set(points.map((p) => p.policy))]), legend: true, label: "policy"},
    marks: [
      Plot.line(frontier, {x, y, stroke: "currentColor", strokeWidth: 6, strokeOpacity: 0.15}),
      Plot.line(points, {x, y, stroke: "policy", sort: "diversity", strokeOpacity: 0.5}),
      Plot.dot(points, {x, y, fill: "policy", r: 4, tip: true, channels: {"λ_div": "diversity"}}),
      Plot.dot(frontier, {x, y, r: 7, stroke: "currentColor", strokeWidth: 1.5}),
      Plot.text(points, {x, y, text: (d) => `${d.diversity}`, dx: 7, dy: -7, fontSize: 9, fill: "policy"}),
    ],
  });
}

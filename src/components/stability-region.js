import * as Plot from "@observablehq/plot";
import {VERDICT_COLOURS} from "./palette.js";

/**
 * The (α, β) plane of an update rule (lib/weighting/rules/): its stable region from theory (left of its
 * `stability.edge`) shaded, what constant-reward runs did at each grid point, closed-loop sweep runs as rings
 * sized by volatility, and the reader's (α, β).
 * grid: [{alpha, beta, verdict}]; rule: an UpdateRule with an edge; sweep: [{alpha, beta, volatility, diverged}];
 * current: {alpha, beta}.
 */
export function stabilityRegion(grid, {width, rule, sweep = [], current, height = 340} = {}) {
  const edge = Array.from({length: 21}, (_, i) => ({beta: i / 20, alpha: rule.stability.edge.alpha(i / 20)}));
  return Plot.plot({
    width,
    height,
    ariaLabel: `Stability region of ${rule.name} in the (α, β) plane`,
    ariaDescription: `Shaded area: where theory says ${rule.name} converges (${rule.stability.region}). Dots: constant-reward runs (converged, diverged, or still oscillating). Rings: closed-loop simulation runs sized by weight volatility.`,
    x: {label: "α (learning rate) →", domain: [0, 4.6]},
    y: {label: "↑ β (history factor)", domain: [0, 1]},
    color: {domain: Object.keys(VERDICT_COLOURS), range: Object.values(VERDICT_COLOURS), legend: true, label: "constant-reward run"},
    r: {range: [3, 14], label: "volatility"},
    marks: [
      Plot.areaX(edge, {y: "beta", x1: 0, x2: "alpha", fill: "#3ca951", fillOpacity: 0.12}),
      Plot.line(edge, {x: "alpha", y: "beta", stroke: "#3ca951", strokeWidth: 2}),
      Plot.text([{alpha: Math.min(3.9, rule.stability.edge.alpha(0.97)), beta: 0.97}], {x: "alpha", y: "beta", text: () => `α = ${rule.stability.edge.text}`, textAnchor: "start", dx: 6, fill: "#3ca951", fontSize: 12, stroke: "white", strokeWidth: 3, paintOrder: "stroke"}),
      Plot.dot(grid, {x: "alpha", y: "beta", fill: "verdict", r: 2.5, tip: true}),
      Plot.dot(sweep, {x: "alpha", y: "beta", r: "volatility", stroke: (d) => (d.diverged ? "#d62728" : "currentColor"), strokeWidth: 1.2, tip: true}),
      current ? Plot.dot([current], {x: "alpha", y: "beta", symbol: "star", r: 9, fill: "black", stroke: "white"}) : null,
    ],
  });
}

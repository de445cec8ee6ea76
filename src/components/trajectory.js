import * as Plot from "@observablehq/plot";

/** Weights of items A, B, C over a feedback sequence. points: [{step, item, w, pi}]; y: "w" or "pi". */
export function trajectoryChart(points, {width, y = "w", height = 240, label} = {}) {
  const clicks = points.filter((d) => d.reward === 1);
  const steps = Math.max(1, ...points.map((d) => d.step));
  return Plot.plot({
    width,
    height,
    ariaLabel: label ?? (y === "w" ? "Raw weights over the feedback sequence" : "Normalised weights over the feedback sequence"),
    x: {label: "feedback event", tickFormat: "d", domain: [0, steps], ticks: Math.min(steps, 12)},
    y: {label: y === "w" ? "raw weight w" : "share π", grid: true, ...(y === "pi" ? {domain: [0, 1]} : {})},
    color: {legend: true, domain: ["A", "B", "C"], label: "item"},
    marks: [
      y === "w" ? Plot.ruleY([0]) : null,
      Plot.lineY(points, {x: "step", y, stroke: "item", marker: points.length < 120 ? "dot" : null, tip: true}),
      Plot.dot(clicks, {x: "step", frameAnchor: "bottom", dy: -3, symbol: "triangle", r: 3, fill: "item"}),
    ],
  });
}

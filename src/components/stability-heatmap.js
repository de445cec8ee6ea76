import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {isStable} from "../lib/weighting/rules.js";

/** Mean over seeds of one metric per (rule, α, β); cells where a run diverged count as diverged. */
export function aggregateSweep(rows, metric) {
  return d3
    .flatRollup(
      rows,
      (v) => ({
        value: v.some((d) => d.diverged) ? NaN : d3.mean(v, (d) => d[metric]),
        diverged: v.some((d) => d.diverged),
        runs: v.length,
      }),
      (d) => d.rule,
      (d) => d.alpha,
      (d) => d.beta,
    )
    .map(([rule, alpha, beta, s]) => ({rule, alpha, beta, ...s, theoryStable: isStable(rule, {alpha, beta, history: 1})}));
}

/**
 * α × β heatmap of a sweep metric, one panel per rule. Cells outside the rule's theoretical stability region
 * (under a constant reward) get a red outline; diverged runs are marked ×.
 */
export function stabilityHeatmap(cells, {width, metric, label, scheme = "viridis", reverse = false, format = ".2f"} = {}) {
  const rules = [...new Set(cells.map((d) => d.rule))];
  const fmt = d3.format(format);
  return Plot.plot({
    width,
    height: 260,
    ariaLabel: label ?? `${metric} over α and β, per rule`,
    ariaDescription: `Heatmap: columns are learning rates α, rows history factors β; colour is the mean ${metric} over seeds.`,
    marginBottom: 40,
    fx: {domain: rules, label: null},
    x: {type: "band", label: "α (learning rate)", tickFormat: (d) => String(d)},
    y: {type: "band", label: "β (history factor)", reverse: true},
    color: {scheme, reverse, legend: true, label: metric, unknown: "#ddd"},
    marks: [
      Plot.cell(cells, {x: "alpha", y: "beta", fx: "rule", fill: "value", inset: 0.5, tip: true, channels: {runs: "runs"}}),
      Plot.cell(
        cells.filter((d) => !d.theoryStable),
        {x: "alpha", y: "beta", fx: "rule", stroke: "#d62728", strokeWidth: 1.5, inset: 1.5, fill: null},
      ),
      Plot.text(cells, {
        x: "alpha",
        y: "beta",
        fx: "rule",
        text: (d) => (d.diverged ? "×" : Number.isFinite(d.value) ? fmt(d.value) : ""),
        fontSize: 9,
        fill: "white",
        stroke: "black",
        strokeWidth: 2,
        paintOrder: "stroke",
      }),
    ],
  });
}

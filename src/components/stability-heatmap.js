import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {isStable, RULES} from "../lib/index.js";

/** Mean over seeds of one metric per (rule, α, β); a cell where any run diverged counts as diverged. */
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
    .map(([rule, alpha, beta, s]) => ({rule, alpha, beta, ...s, theoryStable: RULES.includes(rule) ? isStable(rule, {alpha, beta, history: 1}) : true}));
}

/**
 * α × β heatmaps of a sweep metric, one small chart per rule (two per row) on a shared colour scale. Cells
 * outside the rule's theoretical stability region (under a constant reward) get a red outline; diverged runs ×.
 */
export function stabilityHeatmap(cells, {width, metric, label = metric, scheme = "viridis", reverse = false, format = ".2f"} = {}) {
  const rules = [...new Set(cells.map((d) => d.rule))];
  const fmt = d3.format(format);
  const domain = d3.extent(cells.filter((d) => Number.isFinite(d.value)), (d) => d.value);
  const columns = width > 560 ? 2 : 1;
  const chartWidth = Math.floor((width - (columns - 1) * 16) / columns);
  const color = {type: "linear", scheme, reverse, domain, unknown: "#ddd", label};
  const legend = Plot.legend({color: {...color, legend: true}, width: Math.min(320, width)});
  const charts = rules.map((rule) =>
    Plot.plot({
      width: chartWidth,
      height: 220,
      ariaLabel: `${label} over α and β for ${rule}`,
      ariaDescription: `Heatmap for ${rule}: columns are learning rates α, rows history factors β; colour is the mean ${metric} over seeds.`,
      title: rule,
      marginLeft: 50,
      x: {type: "band", label: "α (learning rate)"},
      y: {type: "band", label: "β", reverse: true},
      color,
      marks: [
        Plot.cell(cells.filter((d) => d.rule === rule), {x: "alpha", y: "beta", fill: "value", inset: 0.5, tip: true, channels: {runs: "runs"}}),
        Plot.cell(
          cells.filter((d) => d.rule === rule && !d.theoryStable),
          {x: "alpha", y: "beta", stroke: "#d62728", strokeWidth: 2, inset: 2, fill: null},
        ),
        Plot.text(cells.filter((d) => d.rule === rule), {
          x: "alpha",
          y: "beta",
          text: (d) => (d.diverged ? "×" : Number.isFinite(d.value) ? fmt(d.value) : ""),
          fontSize: 10,
          fill: "white",
          stroke: "black",
          strokeWidth: 2.5,
          paintOrder: "stroke",
        }),
      ],
    }),
  );
  return html`<div>${legend}<div style="display:grid;grid-template-columns:repeat(${columns}, 1fr);gap:8px 16px">${charts}</div></div>`;
}

import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {isStable, outcomeOfRow, RULES, summariseRecovery} from "../lib/index.js";
import {HEATMAP} from "./palette.js";

const theory = (rule, alpha, beta) => (RULES.includes(rule) ? isStable(rule, {alpha, beta, history: 1}) : true);

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
    .map(([rule, alpha, beta, s]) => ({rule, alpha, beta, ...s, theoryStable: theory(rule, alpha, beta)}));
}

/**
 * Recovery per (rule, α, β), censoring kept: the Kaplan–Meier median over the cell's runs (`value`; NaN when not
 * reached, with `notRecovered` set), the share recovered, and the window beyond which a median that is not reached
 * lies. Diverged runs have no recovery and make the cell diverged, as in aggregateSweep.
 */
export function aggregateRecovery(rows) {
  return d3
    .flatRollup(
      rows,
      (v) => {
        const diverged = v.some((d) => d.diverged);
        const s = summariseRecovery(v.map(outcomeOfRow).filter((o) => o !== null));
        return {value: diverged || s.median === null ? NaN : s.median, diverged, notRecovered: !diverged && s.median === null, share: s.share, recovered: s.recovered, runs: s.runs, window: s.window};
      },
      (d) => d.rule,
      (d) => d.alpha,
      (d) => d.beta,
    )
    .map(([rule, alpha, beta, s]) => ({rule, alpha, beta, ...s, theoryStable: theory(rule, alpha, beta)}));
}

/**
 * α × β heatmaps of a sweep metric, one small chart per rule (two per row) on a shared colour scale from the
 * palette (HEATMAP[metric]: scheme and direction). Cells outside the rule's theoretical stability region (under a
 * constant reward) get a red outline; diverged cells read ×; recovery cells whose median is not reached read "> W"
 * (did not recover within the window) over a grey fill, with the share recovered. Each cell's <title> starts with
 * its value, so a test can read value and colour together.
 */
export function stabilityHeatmap(cells, {width, metric, label = metric, format = ".2f"} = {}) {
  const rules = [...new Set(cells.map((d) => d.rule))];
  const fmt = d3.format(format);
  const domain = d3.extent(cells.filter((d) => Number.isFinite(d.value)), (d) => d.value);
  const columns = width > 560 ? 2 : 1;
  const chartWidth = Math.floor((width - (columns - 1) * 16) / columns);
  const {scheme, reverse} = HEATMAP[metric];
  const color = {type: "linear", scheme, reverse, domain, unknown: "#ddd", label};
  const legend = Plot.legend({color: {...color, legend: true}, width: Math.min(320, width)});
  const text = (d) =>
    d.diverged ? "×" : d.notRecovered ? `> ${d.window}` : Number.isFinite(d.value) ? fmt(d.value) : "";
  const censored = cells.some((d) => d.notRecovered);
  const charts = rules.map((rule) =>
    Plot.plot({
      width: chartWidth,
      height: 220,
      ariaLabel: `${label} over α and β for ${rule}`,
      ariaDescription: `Heatmap for ${rule}: columns are learning rates α, rows history factors β; colour is the ${metric === "recovery" ? "Kaplan–Meier median" : "mean"} ${metric} over seeds.`,
      title: rule,
      marginLeft: 50,
      x: {type: "band", label: "α (learning rate)"},
      y: {type: "band", label: "β", reverse: true},
      color,
      marks: [
        Plot.cell(cells.filter((d) => d.rule === rule), {
          x: "alpha",
          y: "beta",
          fill: "value",
          inset: 0.5,
          title: (d) => `${d.value} ${d.diverged ? "diverged" : d.notRecovered ? "did not recover" : ""}`.trim(),
        }),
        Plot.cell(
          cells.filter((d) => d.rule === rule && !d.theoryStable),
          {x: "alpha", y: "beta", stroke: "#d62728", strokeWidth: 2, inset: 2, fill: null},
        ),
        Plot.text(cells.filter((d) => d.rule === rule), {
          x: "alpha",
          y: "beta",
          text,
          dy: metric === "recovery" ? -5 : 0,
          fontSize: 10,
          fill: "white",
          stroke: "black",
          strokeWidth: 2.5,
          paintOrder: "stroke",
        }),
        metric === "recovery"
          ? Plot.text(cells.filter((d) => d.rule === rule && !d.diverged), {
              x: "alpha",
              y: "beta",
              text: (d) => `${d.recovered}/${d.runs}`,
              dy: 7,
              fontSize: 9,
              fill: "white",
              stroke: "black",
              strokeWidth: 2,
              paintOrder: "stroke",
            })
          : null,
      ],
    }),
  );
  const note = censored ? html`<p class="status">Grey cells reading “&gt; W”: did not recover, fewer than half the runs came back within the W rounds a run can show (the median lies beyond them). Below each median: runs recovered / runs.</p>` : "";
  return html`<div>${legend}${note}<div style="display:grid;grid-template-columns:repeat(${columns}, 1fr);gap:8px 16px">${charts}</div></div>`;
}

import * as d3 from "d3";
import * as Plot from "@observablehq/plot";

/** Mean, standard deviation and count of a metric per (scenario, policy) over seeds. */
export function summariseRuns(rows, metric) {
  return d3
    .flatRollup(
      rows.filter((d) => Number.isFinite(d[metric])),
      (v) => ({mean: d3.mean(v, (d) => d[metric]), sd: v.length > 1 ? d3.deviation(v, (d) => d[metric]) : 0, n: v.length}),
      (d) => d.scenario,
      (d) => d.policy,
    )
    .map(([scenario, policy, s]) => ({scenario, policy, ...s, lo: s.mean - s.sd, hi: s.mean + s.sd}));
}

/**
 * Every policy across scenarios: a dot per seed (faint), the mean (large) and mean ± 1 sd over seeds (bar),
 * one panel per scenario.
 */
export function policyDots(rows, {width, metric, label} = {}) {
  const summary = summariseRuns(rows, metric);
  const policies = d3.groupSort(summary, (v) => -d3.mean(v, (d) => d.mean), (d) => d.policy);
  const scenarios = [...new Set(rows.map((d) => d.scenario))];
  return Plot.plot({
    width,
    height: scenarios.length * (policies.length * 16 + 30) + 40,
    ariaLabel: label ?? `${metric} per policy and scenario`,
    ariaDescription: `Dot plot: each row a policy, one panel per scenario; the dot is the mean ${metric} over seeds, the bar ± 1 standard deviation.`,
    marginLeft: 110,
    marginRight: 100,
    x: {label: `${metric} →`, grid: true},
    y: {domain: policies, label: null},
    fy: {domain: scenarios, label: null},
    color: {domain: policies, legend: false},
    marks: [
      Plot.frame({strokeOpacity: 0.15}),
      Plot.dot(rows.filter((d) => Number.isFinite(d[metric])), {x: metric, y: "policy", fy: "scenario", r: 2, fill: "policy", fillOpacity: 0.35}),
      Plot.ruleY(summary, {x1: "lo", x2: "hi", y: "policy", fy: "scenario", stroke: "policy", strokeWidth: 2}),
      Plot.dot(summary, {x: "mean", y: "policy", fy: "scenario", fill: "policy", r: 5, tip: true, channels: {sd: "sd", seeds: "n"}}),
    ],
  });
}

import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {meanInterval} from "../lib/index.js";
import {colourScale, REFERENCE} from "./palette.js";

/** Mean, its 95 % t interval and the number of seeds of a metric per (scenario, policy). */
export function summariseRuns(rows, metric) {
  return d3
    .flatRollup(
      rows.filter((d) => Number.isFinite(d[metric])),
      (v) => meanInterval(v.map((d) => d[metric])),
      (d) => d.scenario,
      (d) => d.policy,
    )
    .map(([scenario, policy, s]) => ({scenario, policy, mean: s.mean, sd: s.sd, n: s.n, lo: Number.isFinite(s.lo) ? s.lo : s.mean, hi: Number.isFinite(s.hi) ? s.hi : s.mean}));
}

/** Policies in order of their mean over scenarios (each scenario weighs the same), best first. */
export function policyOrder(summary, {lowerIsBetter = false} = {}) {
  return d3.groupSort(summary, (v) => (lowerIsBetter ? 1 : -1) * d3.mean(v, (d) => d.mean), (d) => d.policy);
}

/**
 * Every policy across scenarios: a dot per seed (faint), the mean (large) and its 95 % t interval over seeds (bar),
 * one panel per scenario. Policies in `bounds` (they see the truth) are drawn hollow and dashed: references, not
 * choices.
 */
export function policyDots(rows, {width, metric, label, bounds = [], lowerIsBetter = false} = {}) {
  const summary = summariseRuns(rows, metric);
  const policies = policyOrder(summary, {lowerIsBetter});
  const scenarios = [...new Set(rows.map((d) => d.scenario))];
  const isBound = (d) => bounds.includes(d.policy);
  return Plot.plot({
    width,
    height: scenarios.length * (policies.length * 16 + 30) + 40,
    ariaLabel: label ?? `${metric} per policy and scenario`,
    ariaDescription: `Dot plot: each row a policy, one panel per scenario; the dot is the mean ${metric} over seeds, the bar its 95 % t interval.`,
    marginLeft: 110,
    marginRight: 100,
    x: {label: `${metric} →`, grid: true},
    y: {domain: policies, label: null},
    fy: {domain: scenarios, label: null},
    color: {...colourScale("policy", policies), legend: false},
    marks: [
      Plot.frame({strokeOpacity: 0.15}),
      Plot.dot(rows.filter((d) => Number.isFinite(d[metric])), {x: metric, y: "policy", fy: "scenario", r: 2, fill: "policy", fillOpacity: 0.35}),
      Plot.ruleY(summary, {x1: "lo", x2: "hi", y: "policy", fy: "scenario", stroke: "policy", strokeWidth: 2, strokeDasharray: (d) => (isBound(d) ? REFERENCE.bound.dash : null)}),
      Plot.dot(summary.filter((d) => !isBound(d)), {x: "mean", y: "policy", fy: "scenario", fill: "policy", r: 5, tip: true, channels: {lo: "lo", hi: "hi", seeds: "n"}}),
      Plot.dot(summary.filter(isBound), {x: "mean", y: "policy", fy: "scenario", stroke: "policy", fill: "none", symbol: "diamond", r: 5, tip: true, channels: {lo: "lo", hi: "hi", seeds: "n"}}),
    ],
  });
}

import * as Plot from "@observablehq/plot";
import {colourScale} from "./palette.js";

/**
 * Blend weights π over rounds as stacked areas, with drift events marked: scheduled or large shifts and trend
 * bursts as labelled rules, small spontaneous shifts as ticks along the bottom.
 * weights: [{round, component, weight}]; events: [{round, kind, users, topic}]. `rounds` fixes the x axis to the
 * whole run (it keeps its domain while a run plays); `ghost` (rows like `weights`, e.g. a pinned run) is drawn as
 * the dashed upper edges of its stacked areas.
 */
export function weightArea(weights, {width, height = 280, events = [], components, users = 1, label = "Blend weights over rounds", rounds, ghost = []} = {}) {
  const played = new Set(weights.map((d) => d.round)).size;
  // `scheduled` (set by the caller) marks events at the same round in every seed; otherwise large ones are drawn as rules
  const large = events.filter((e) => e.scheduled ?? (e.kind === "trend" || e.users >= Math.max(2, 0.1 * users)));
  const small = events.filter((e) => !large.includes(e));
  return Plot.plot({
    width,
    height,
    ariaLabel: label,
    ariaDescription: "Stacked areas: the share of each component in the blend, round by round; vertical rules mark drift events.",
    marginTop: 24,
    x: {label: "round", ...(rounds ? {domain: [0, Math.max(1, rounds - 1)]} : {})},
    y: {label: "weight π", domain: [0, 1], grid: true},
    color: {...colourScale("component", components), legend: true, label: "component"},
    marks: [
      Plot.areaY(weights, {x: "round", y: "weight", z: "component", fill: "component", order: components, fillOpacity: 0.85, tip: true}),
      // a single round has no area to draw: a bar of the shares instead
      played === 1 ? Plot.rectY(weights, Plot.stackY({x1: (d) => d.round - 0.4, x2: (d) => d.round + 0.4, y: "weight", fill: "component", order: components, fillOpacity: 0.85})) : null,
      ghost.length
        ? Plot.lineY(ghost, Plot.stackY2({x: "round", y: "weight", z: "component", stroke: "component", order: components, strokeDasharray: "5,3", strokeWidth: 1.5}))
        : null,
      Plot.ruleX(large, {x: "round", stroke: "currentColor", strokeDasharray: "4,3"}),
      Plot.text(large, {
        x: "round",
        y: 1,
        dy: -8,
        text: (e) => (e.kind === "shift" ? `shift (${e.users} users)` : `trend: ${e.topic}`),
        fontSize: 10,
        lineAnchor: "bottom",
      }),
      Plot.dot(small, {
        x: "round",
        frameAnchor: "bottom",
        dy: -3,
        symbol: "triangle",
        r: 2.5,
        fill: "currentColor",
        title: (e) => `${e.seed !== undefined ? `seed ${e.seed}, ` : ""}round ${e.round}: ${e.kind === "trend" ? `trend burst (${e.topic})` : `${e.users} user(s) shifted`}`,
      }),
      Plot.ruleY([0]),
    ],
  });
}

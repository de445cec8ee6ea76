import * as Plot from "@observablehq/plot";

/**
 * Tracking error of profile weights over rounds: 1 − cos(profile, true interest mapped into embedding space),
 * per user. rows: [{user, round, error}] (user is a label).
 */
export function trackingLines(rows, {width, height = 240, events = [], label = "Tracking error of profile weights against true interest"} = {}) {
  return Plot.plot({
    width,
    height,
    ariaLabel: label,
    x: {label: "round"},
    y: {label: "tracking error (1 − cos)", domain: [0, 1.5], grid: true},
    color: {legend: true, type: "categorical", label: "user"},
    marks: [
      Plot.ruleY([1], {strokeDasharray: "2,3", strokeOpacity: 0.6}),
      Plot.ruleX(events, {x: "round", stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "4,3"}),
      Plot.lineY(rows, {x: "round", y: "error", stroke: "user", strokeWidth: (d) => (d.user === "all served" ? 2.5 : 1.2), tip: true, clip: true}),
    ],
  });
}

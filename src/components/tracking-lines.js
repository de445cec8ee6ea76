import * as Plot from "@observablehq/plot";
import {METRIC_COLOURS, REFERENCE} from "./palette.js";

/**
 * Tracking error of the profile weights over rounds, 1 − cos(profile, true interest in embedding space): the mean
 * over seeds of each round's mean over served users, with its 95 % t interval as a band; a random profile's error
 * (1) and a reference profile's (made of each user's best items) as labelled lines; drift events as dashed rules.
 * rows: [{round, mean, lo, hi, reference}].
 */
export function trackingLines(rows, {width, height = 260, events = [], label = "Tracking error of profile weights against true interest", bestItems = 20} = {}) {
  const colour = METRIC_COLOURS.tracking_error;
  const last = rows.at(-1);
  return Plot.plot({
    width,
    height,
    ariaLabel: label,
    ariaDescription: "Line with a band: the mean tracking error over seeds and its 95 % interval, round by round; a dashed line at 1 for a random profile, a dotted line for the reference profile.",
    marginRight: 170,
    x: {label: "round"},
    y: {label: "tracking error (1 − cos)", domain: [0, 1.2], grid: true},
    marks: [
      Plot.ruleY([1], {stroke: REFERENCE.bound.stroke, strokeDasharray: REFERENCE.bound.dash}),
      Plot.text([1], {x: last?.round, y: (d) => d, text: () => "a random profile (1)", textAnchor: "start", dx: 6, fontSize: 10}),
      Plot.lineY(rows, {x: "round", y: "reference", stroke: REFERENCE.bound.stroke, strokeDasharray: "1,3", clip: true}),
      last ? Plot.text([last], {x: "round", y: "reference", text: () => `profile of its ${bestItems} best items`, textAnchor: "start", dx: 6, fontSize: 10}) : null,
      Plot.ruleX(events, {x: "round", stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "4,3"}),
      Plot.areaY(rows, {x: "round", y1: "lo", y2: "hi", fill: colour, fillOpacity: 0.2, clip: true}),
      Plot.lineY(rows, {x: "round", y: "mean", stroke: colour, strokeWidth: 2, tip: true, clip: true}),
      last ? Plot.text([last], {x: "round", y: "mean", text: () => "the lab's profiles", textAnchor: "start", dx: 6, fontSize: 10, fill: colour}) : null,
    ],
  });
}

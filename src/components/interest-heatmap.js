import * as Plot from "@observablehq/plot";

/**
 * A user's true interest θ over topics (top) against the profile weights' view of it (bottom), round by round.
 * rows: [{round, topic, truth, estimate}] for one user; both are scaled to [0, 1] per round.
 */
export function interestHeatmap(rows, {width, topics, label = "True interest against profile weights"} = {}) {
  const tidy = rows.flatMap((d) => [
    {round: d.round, topic: d.topic, source: "true interest θ", value: d.truth},
    {round: d.round, topic: d.topic, source: "profile weights", value: d.estimate},
  ]);
  return Plot.plot({
    width,
    height: 2 * 16 * topics.length + 80,
    ariaLabel: label,
    ariaDescription: "Heatmap: rows are topics, columns rounds; the upper panel is the user's true interest, the lower the estimate from profile weights.",
    marginLeft: 110,
    marginRight: 110,
    x: {label: "round", ticks: [...new Set(rows.map((d) => d.round))].filter((r) => r % 10 === 0)},
    y: {domain: topics, label: null},
    fy: {domain: ["true interest θ", "profile weights"], label: null},
    color: {scheme: "blues", domain: [0, 1], legend: true, label: "share of the round's largest value"},
    marks: [Plot.cell(tidy, {x: "round", y: "topic", fy: "source", fill: "value", inset: 0, tip: true})],
  });
}

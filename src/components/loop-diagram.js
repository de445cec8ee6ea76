import {svg} from "htl";
import {ruleOf} from "../lib/weighting/rules/index.js";

const d3range = (a, b) => Array.from({length: b - a}, (_, i) => a + i);

/** The closed loop in one picture: six boxes in a ring, arrows clockwise (on a narrow screen, a column). */
export function loopDiagram({width = 640, components = [], policies = []} = {}) {
  const w = Math.min(width, 760);
  const h = w * 0.56;
  const boxes = [
    {title: "World", text: ["users whose interests θ(t) drift", "(gradual, shift, periodic, trend …)"]},
    {title: "Components score", text: [components.slice(0, 4).join(", ") + (components.length > 4 ? ", …" : ""), "normalised per user to [0, 1]"]},
    {title: "Blend and serve", text: ["S(u, i) = Σₖ πₖ · Ŝₖ(u, i)", "slate = top k (MMR for diversity)"]},
    {title: "Users respond", text: ["examine by position, then", "click / purchase / skip"]},
    {title: "Credit", text: ["did the items k ranked high", "do better than their position?"]},
    {title: "Policy updates π", text: [policies.slice(0, 4).join(", ") + (policies.length > 4 ? ", …" : ""), `${ruleOf("ema").formula}, …`]},
  ];
  if (w < 560) return loopColumn(boxes, w);
  const cx = w / 2;
  const cy = h / 2;
  const rx = w * 0.36;
  const ry = h * 0.34;
  const bw = Math.min(210, w * 0.3);
  const bh = 58;
  const at = (i) => {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / boxes.length;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  };
  const inside = ([x, y]) => boxes.some((_, j) => {
    const [bx, by] = at(j);
    return Math.abs(x - bx) < bw / 2 + 6 && Math.abs(y - by) < bh / 2 + 6;
  });
  const arrows = boxes.map((_, i) => {
    const a0 = -Math.PI / 2 + (i * 2 * Math.PI) / boxes.length;
    const span = (2 * Math.PI) / boxes.length;
    const points = d3range(0, 61)
      .map((t) => a0 + (span * t) / 60)
      .map((a) => [cx + rx * Math.cos(a), cy + ry * Math.sin(a)])
      .filter((p) => !inside(p));
    if (points.length < 2) return null;
    const d = "M" + points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L");
    return svg`<path d=${d} fill="none" stroke="currentColor" stroke-width="1.5" marker-end="url(#drift-lab-arrow)"></path>`;
  });
  return svg`<svg width=${w} height=${h} viewBox="0 0 ${w} ${h}" role="img" aria-label="The Drift Lab loop: the world, components, blending, responses, credit and the policy update, in a cycle" style="max-width:100%;height:auto;font:12px var(--sans-serif)">
    <title>The Drift Lab loop</title>
    <defs><marker id="drift-lab-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="currentColor"></path></marker></defs>
    ${arrows}
    ${boxes.map((b, i) => {
      const [x, y] = at(i);
      return svg`<g transform="translate(${x - bw / 2},${y - bh / 2})">
        <rect width=${bw} height=${bh} rx="8" fill="var(--theme-background-alt)" stroke="currentColor" stroke-opacity="0.4"></rect>
        <text x=${bw / 2} y="17" text-anchor="middle" font-weight="bold">${b.title}</text>
        ${b.text.map((t, j) => svg`<text x=${bw / 2} y=${33 + 13 * j} text-anchor="middle" fill="var(--theme-foreground-muted)" font-size="11">${t}</text>`)}
      </g>`;
    })}
    <text x=${cx} y=${cy - 6} text-anchor="middle" font-size="13">one round</text>
    <text x=${cx} y=${cy + 12} text-anchor="middle" font-size="11" fill="var(--theme-foreground-muted)">repeated every round, seeded</text>
  </svg>`;
}

/** The loop on a narrow screen: the boxes in a column, arrows down, and one arrow back up along the right. */
function loopColumn(boxes, w) {
  const bw = w - 34;
  const bh = 58;
  const gap = 24;
  const h = boxes.length * (bh + gap);
  const top = (i) => 4 + i * (bh + gap);
  const back = `M${bw + 2},${top(boxes.length - 1) + bh / 2}H${w - 6}V${top(0) + bh / 2}H${bw + 8}`;
  return svg`<svg width=${w} height=${h} viewBox="0 0 ${w} ${h}" role="img" aria-label="The Drift Lab loop: the world, components, blending, responses, credit and the policy update, in a cycle" style="max-width:100%;height:auto;font:12px var(--sans-serif)">
    <title>The Drift Lab loop</title>
    <defs><marker id="drift-lab-arrow-column" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="currentColor"></path></marker></defs>
    ${boxes.slice(0, -1).map((_, i) => svg`<path d="M${bw / 2},${top(i) + bh}V${top(i + 1) - 2}" stroke="currentColor" stroke-width="1.5" marker-end="url(#drift-lab-arrow-column)"></path>`)}
    <path d=${back} fill="none" stroke="currentColor" stroke-width="1.5" marker-end="url(#drift-lab-arrow-column)"></path>
    ${boxes.map((b, i) => svg`<g transform="translate(0,${top(i)})">
        <rect width=${bw} height=${bh} rx="8" fill="var(--theme-background-alt)" stroke="currentColor" stroke-opacity="0.4"></rect>
        <text x=${bw / 2} y="17" text-anchor="middle" font-weight="bold">${b.title}</text>
        ${b.text.map((t, j) => svg`<text x=${bw / 2} y=${33 + 13 * j} text-anchor="middle" fill="var(--theme-foreground-muted)" font-size="11">${t}</text>`)}
      </g>`)}
  </svg>`;
}

import {FileAttachment} from "observablehq:stdlib";
import {html} from "htl";

/** This build: the lab's version, the commit and the date (src/data/build.json.ts). */
export const BUILD = await FileAttachment("../data/build.json").json();

/** "seed 3", "seeds 6–10", "seeds 1, 4" or "5 seeds", from a list of seeds or a count. */
export function seedsText(seeds) {
  if (typeof seeds === "number") return `${seeds} seed${seeds === 1 ? "" : "s"}`;
  const s = [...new Set(seeds)].sort((a, b) => a - b);
  if (s.length === 1) return `seed ${s[0]}`;
  const run = s.at(-1) - s[0] === s.length - 1;
  return `seeds ${run ? `${s[0]}–${s.at(-1)}` : s.join(", ")}`;
}

/** The build, as a figure's provenance line and the "cite this" block state it. */
export function buildText() {
  return `Drift Lab ${BUILD.version}, commit ${BUILD.commit}, built ${BUILD.date}`;
}

/**
 * A numbered chart with its caption and its provenance. The caption states what the data show (computed from the
 * data, see claim.js). Options, all optional:
 *   id: a stable name, the figure's anchor (data-figure);
 *   data: the file the figure is drawn from, e.g. "stability.csv" (data-source): its loader, src/data/<data>.ts,
 *     is named as what made it;
 *   seeds: the seeds it rests on, a list or a count, from the data (data-seeds: the count);
 *   made: what made it when no loader did: {command} (a drift-lab command that makes the same numbers) and/or
 *     {text} (e.g. "the lab's update rules, computed in your browser": it follows "Made by").
 * Under the caption: "made by" the command or loader, the seeds, the lab's version, commit and build date.
 * Figures are numbered in page order (numberFigures), whatever order the page's cells draw them in.
 */
export function figure(chart, caption, {id, data, seeds, made = {}} = {}) {
  const loader = data ? `src/data/${data}.ts` : null;
  const by = [
    made.command ? html`<code class="command">${made.command}</code>` : null,
    loader ? html`the loader <code>${loader}</code>` : null,
    made.text ?? null,
  ].filter(Boolean);
  const provenance = html`<p class="made-by">Made by ${by.length ? by.flatMap((b, i) => (i ? [" · ", b] : [b])) : "this page"}${
    seeds !== undefined ? ` · ${seedsText(seeds)}` : ""
  } · ${buildText()}.</p>`;
  const node = html`<figure class="chart">${chart}<figcaption><span class="figure-number"></span> ${caption}${provenance}</figcaption></figure>`;
  if (id) {
    node.id = `figure-${id}`;
    node.dataset.figure = id;
  }
  if (data) node.dataset.source = data;
  if (seeds !== undefined) node.dataset.seeds = String(typeof seeds === "number" ? seeds : new Set(seeds).size);
  scheduleNumbering();
  return node;
}

let scheduled = false;

function scheduleNumbering() {
  if (scheduled || typeof document === "undefined") return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    numberFigures();
  });
  startObserver();
}

/** Numbers the page's figures in document order: "Figure 1.", "Figure 2.", … (data-number on each figure). */
export function numberFigures(root = document) {
  root.querySelectorAll("figure.chart").forEach((node, i) => {
    const n = String(i + 1);
    if (node.dataset.number === n) return;
    node.dataset.number = n;
    const label = node.querySelector(":scope > figcaption > .figure-number");
    if (label) label.textContent = `Figure ${n}.`;
  });
}

let observer = null;

/** Cells redraw their figures as controls change; renumber whenever figures come or go. */
function startObserver() {
  if (observer || typeof MutationObserver === "undefined") return;
  const main = document.querySelector("#observablehq-main") ?? document.body;
  observer = new MutationObserver(() => scheduleNumbering());
  observer.observe(main, {childList: true, subtree: true});
}

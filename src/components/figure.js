import {html} from "htl";

/**
 * A chart with its caption; the caption states what the data show (computed from the data, see claim.js).
 * Options, all optional, written onto the <figure> for the page tests and for later tooling (figure numbers,
 * provenance and "cite this" blocks hang off them):
 *   id: a stable name, the figure's anchor (data-figure);
 *   data: the file the figure is drawn from, e.g. "stability.csv" (data-source);
 *   seeds: how many seeds it rests on, counted from the data (data-seeds).
 */
export function figure(chart, caption, {id, data, seeds} = {}) {
  const node = html`<figure class="chart">${chart}<figcaption>${caption}</figcaption></figure>`;
  if (id) {
    node.id = `figure-${id}`;
    node.dataset.figure = id;
  }
  if (data) node.dataset.source = data;
  if (seeds !== undefined) node.dataset.seeds = String(seeds);
  return node;
}

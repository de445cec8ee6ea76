import {html} from "htl";

/**
 * A value a caption states, computed from the data: rendered as `text` (default: the value), with the value itself
 * kept in data-claim / data-value so that a test can recompute it from the downloadable data and compare.
 */
export function claim(name, value, text = String(value)) {
  return html`<span class="claim" data-claim=${name} data-value=${JSON.stringify(value)}>${text}</span>`;
}

/** "a, b and c" (or "none"). */
export function list(items, none = "none") {
  if (items.length === 0) return none;
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

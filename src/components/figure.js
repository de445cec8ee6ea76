import {html} from "htl";

/** A chart with its caption; the caption says what to look at. */
export function figure(chart, caption) {
  return html`<figure class="chart">${chart}<figcaption>${caption}</figcaption></figure>`;
}

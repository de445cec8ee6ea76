import * as d3 from "d3";
import {html} from "htl";

/**
 * A link that saves rows (objects) as a CSV file; the data never leave the browser. `rows` may be a function,
 * called only when the link is clicked (pages that redraw often stay cheap).
 */
export function downloadCsv(rows, filename, label = `Download ${filename}`) {
  const link = html`<a class="download" download=${filename} href="#">${label}</a>`;
  link.onclick = () => {
    if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
    const data = typeof rows === "function" ? rows() : rows;
    link.href = URL.createObjectURL(new Blob([d3.csvFormat(data)], {type: "text/csv"}));
  };
  return link;
}

/** A link to a CSV file built by a data loader. */
export function downloadFile(href, filename, label = `Download ${filename}`) {
  return html`<a class="download" href=${href} download=${filename}>${label}</a>`;
}

/**
 * A link that saves text built in the page (a CSV in the command line's own format, a config.json) as a file.
 * `text` may be a function, called only when the link is clicked.
 */
export function downloadText(text, filename, {label = `Download ${filename}`, type = "text/plain"} = {}) {
  const link = html`<a class="download" download=${filename} href="#">${label}</a>`;
  link.onclick = () => {
    if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([typeof text === "function" ? text() : text], {type}));
  };
  return link;
}

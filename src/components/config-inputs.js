import * as Inputs from "@observablehq/inputs";
import {fieldAt, SCENARIO_SCHEMA} from "../lib/index.js";

function field(path, type) {
  const f = fieldAt(SCENARIO_SCHEMA, path);
  if (!f || f.type !== type) throw new Error(`${path}: not a ${type} field of the scenario schema`);
  return f;
}

/**
 * A slider for a numeric scenario field: the schema's range (narrowed to `domain` where a page offers less, e.g.
 * sizes a browser can run), the schema's default unless `value` says otherwise, and the field's doc as its tooltip.
 */
export function fieldRange(path, {label, step, domain, value} = {}) {
  const f = field(path, "number");
  const lo = Math.max(f.min, domain?.[0] ?? f.min);
  const hi = Math.min(f.max, domain?.[1] ?? f.max);
  const input = Inputs.range([lo, hi], {label, step: step ?? (f.integer ? 1 : undefined), value: value ?? f.default});
  input.title = f.doc;
  return input;
}

/**
 * A select for a scenario field with allowed values: those values (or the part of them a page can run, `values`),
 * the schema's default unless `value` says otherwise, the doc as its tooltip.
 */
export function fieldSelect(path, {label, values, value} = {}) {
  const f = field(path, "choice");
  const foreign = values?.find((v) => !f.values.includes(v));
  if (foreign !== undefined) throw new Error(`${path}: '${foreign}' is not an allowed value (allowed: ${f.values.join(", ")})`);
  const input = Inputs.select(values ?? f.values, {label, value: value ?? f.default});
  input.title = f.doc;
  return input;
}

/**
 * The control for a property of a page's state table (url-state.js), starting at `value`: a slider for a number
 * (the property's range and step), a select for a choice, checkboxes for a list of names, a toggle for a boolean,
 * a text box for text. Its tooltip is the property's doc (the schema's, for a scenario field).
 */
export function stateInput(p, value) {
  const options = {label: p.label, value};
  let input;
  if (p.type === "number") input = Inputs.range([p.min ?? p.domain[0], p.max ?? p.domain[1]], {...options, step: p.step ?? (p.integer ? 1 : undefined)});
  else if (p.type === "choice") input = Inputs.select(p.values, options);
  else if (p.type === "list") input = Inputs.checkbox(p.values, options);
  else if (p.type === "boolean") input = Inputs.toggle(options);
  else input = Inputs.text({...options, value: value ?? ""});
  input.title = p.doc;
  input.id = `${p.name}-input`;
  return input;
}

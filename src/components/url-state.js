import {fieldAt, readSetting, SCENARIO_SCHEMA} from "../lib/index.js";

/**
 * A page's state as one table of properties, each with a URL name and a type (after TensorFlow Playground's
 * state.ts): every view is a link. A property that sets a scenario field names its `path`, and takes its type,
 * allowed values, range and doc from the scenario schema (a page may narrow the range with `domain` and start from
 * another `default`); a page's own property gives `type` (number, choice, list, boolean, text), `default` and, as
 * fits, `values` or `domain`. The URL holds only what differs from the defaults; `<name>_hide=1` hides that control
 * (a teacher hands out a link with only the controls a lesson needs).
 */
export function stateTable(properties) {
  return properties.map((p) => {
    if (!p.path) return {...p, doc: p.doc ?? ""};
    const f = fieldAt(SCENARIO_SCHEMA, p.path);
    if (!f) throw new Error(`${p.name}: ${p.path} is not a field of the scenario schema`);
    const type = f.type === "text" ? "text" : f.type;
    const min = Math.max(f.min ?? -Infinity, p.domain?.[0] ?? -Infinity);
    const max = Math.min(f.max ?? Infinity, p.domain?.[1] ?? Infinity);
    return {...p, type, values: p.values ?? f.values, min, max, integer: f.integer ?? false, default: p.default ?? f.default, doc: f.doc};
  });
}

function parse(p, raw) {
  const where = `URL parameter ${p.name}`;
  let value;
  if (p.path) value = readSetting(SCENARIO_SCHEMA, p.path, raw, where);
  else if (p.type === "number") {
    value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value)) throw new Error(`${where}: expected a number, got '${raw}'`);
  } else if (p.type === "boolean") {
    if (!["0", "1", "true", "false"].includes(raw)) throw new Error(`${where}: expected 1 or 0, got '${raw}'`);
    value = raw === "1" || raw === "true";
  } else if (p.type === "list") value = raw === "" ? [] : raw.split(",").map((s) => s.trim());
  else value = raw;
  if (p.type === "number" && p.integer && !Number.isInteger(value)) throw new Error(`${where}: expected an integer, got ${value}`);
  if (p.type === "number") {
    const [lo, hi] = [p.min ?? p.domain?.[0] ?? -Infinity, p.max ?? p.domain?.[1] ?? Infinity];
    if (value < lo || value > hi) throw new Error(`${where}: ${value} is out of range on this page (allowed: ${lo} to ${hi})`);
  }
  const allowed = p.values;
  if (allowed && p.type === "choice" && !allowed.includes(value)) throw new Error(`${where}: unknown value '${value}' (allowed: ${allowed.join(", ")})`);
  if (allowed && p.type === "list") {
    const bad = value.filter((v) => !allowed.includes(v));
    if (bad.length) throw new Error(`${where}: unknown value '${bad[0]}' (allowed: ${allowed.join(", ")})`);
  }
  return value;
}

function format(p, value) {
  if (p.type === "boolean") return value ? "1" : "0";
  if (p.type === "list") return value.join(",");
  return String(value);
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The state a URL's query string gives: every property's value (its default where the URL says nothing or
 * something not allowed), the errors (one line each, naming the parameter and what is allowed), and which controls
 * the URL hides.
 */
export function readState(table, search = location.search) {
  const params = new URLSearchParams(search);
  const values = {};
  const errors = [];
  const hidden = new Set();
  for (const p of table) {
    values[p.name] = p.default;
    if (params.get(`${p.name}_hide`) === "1") hidden.add(p.name);
    if (!params.has(p.name)) continue;
    try {
      values[p.name] = parse(p, params.get(p.name));
    } catch (e) {
      errors.push(e.message);
    }
  }
  const known = new Set(table.flatMap((p) => [p.name, `${p.name}_hide`]));
  for (const key of params.keys()) if (!known.has(key)) errors.push(`URL parameter ${key}: not a control of this page (allowed: ${table.map((p) => p.name).join(", ")})`);
  return {values, errors, hidden};
}

/** The query string of a state: the properties that differ from their defaults, and the hidden controls. */
export function serialise(table, values, hidden = new Set()) {
  const params = new URLSearchParams();
  for (const p of table) {
    if (values[p.name] !== undefined && !same(values[p.name], p.default)) params.set(p.name, format(p, values[p.name]));
    if (hidden.has(p.name)) params.set(`${p.name}_hide`, "1");
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/**
 * Keeps the URL in step with a page's controls: `inputs` maps property names to Observable Inputs (or any element
 * with a `value` that fires "input"); `extra()` adds values that are not inputs (a pinned run). Hidden controls are
 * hidden. Returns a function that writes the URL now (call it after setting a control's value in code).
 */
export function bindState(table, inputs, {hidden = new Set(), extra = () => ({})} = {}) {
  const write = () => {
    const values = {...Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value])), ...extra()};
    const search = serialise(table, values, hidden);
    if (search !== location.search) history.replaceState(history.state, "", `${location.pathname}${search}${location.hash}`);
  };
  for (const [name, input] of Object.entries(inputs)) {
    input.addEventListener("input", write);
    if (hidden.has(name)) input.style.display = "none";
  }
  return write;
}

/** Sets a control's value from code and lets the page (and the URL) know, as if the reader had changed it. */
export function setInput(input, value) {
  input.value = value;
  input.dispatchEvent(new Event("input", {bubbles: true}));
}

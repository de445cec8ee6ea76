import { ConfigError } from "./error.js";
import type { Field } from "./fields.js";
import { isFieldName, isObject, parseNumber } from "./resolve.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

function allowedKeys(field: Field): string[] {
  return field.type === "section" ? Object.keys(field.fields) : field.type === "toggles" ? Object.keys(field.kinds) : field.type === "keyed" ? Object.keys(field.entries) : [];
}

/**
 * Applies `key=value` (a dotted path into `root`) to a partial configuration. The value is read as the field's type
 * says: a number, a name, a comma list, `on`/`off` for a toggle, or JSON for a value that starts with `{` or `[`.
 * Errors name the path (`label` replaces `--set` in them, e.g. a command-line flag). Checking the value's range is
 * left to `resolve`.
 */
export function applySet(root: Field, target: Obj, assignment: string, label = "--set"): void {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new ConfigError(`${label}: expected key=value, got '${assignment}'`);
  const path = assignment.slice(0, eq).trim();
  const raw = assignment.slice(eq + 1).trim();
  const keys = path.split(".");
  let field: Field = root;
  let word = "field";
  let toggle = false;
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j];
    const at = keys.slice(0, j).join(".");
    if (!isFieldName(key)) throw new ConfigError(`${label} ${path}: '${key}' is not a field name`);
    toggle = field.type === "toggles";
    if (field.type === "map") {
      field = field.of;
      continue;
    }
    if (field.type !== "section" && field.type !== "toggles" && field.type !== "keyed") {
      throw new ConfigError(`${label} ${path}: '${at}' is a single value, not a group of fields`);
    }
    const allowed = allowedKeys(field);
    if (!allowed.includes(key)) {
      const what = field.type === "keyed" ? `${field.noun} '${key}'` : `${word} '${key}'`;
      throw new ConfigError(`${label} ${path}: unknown ${what}${at ? ` in ${at}` : ""} (allowed: ${allowed.join(", ") || "none"})`);
    }
    if (field.type === "keyed") word = "option";
    field = field.type === "section" ? field.fields[key] : field.type === "toggles" ? field.kinds[key] : field.entries[key];
  }
  const value = toggle && (raw === "on" || raw === "off") ? raw : parseValue(path, raw, field, label, toggle);
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Obj;
  }
  node[keys[keys.length - 1]] = value;
}

function parseValue(path: string, raw: string, field: Field, label: string, toggle: boolean): Json {
  if (raw.startsWith("{") || raw.startsWith("[")) {
    try {
      return JSON.parse(raw) as Json;
    } catch {
      throw new ConfigError(`${label} ${path}: '${raw}' is not valid JSON`);
    }
  }
  switch (field.type) {
    case "list": {
      const parts = raw.split(",").map((s) => s.trim()).filter(Boolean);
      if (field.of === "string") return parts;
      return parts.map((p) => {
        const n = parseNumber(p);
        if (!Number.isFinite(n)) throw new ConfigError(`${label} ${path}: expected a comma list of numbers, got '${raw}'`);
        return n;
      });
    }
    case "number": {
      const n = parseNumber(raw);
      if (Number.isNaN(n)) throw new ConfigError(`${path}: expected a number, got '${raw}'`);
      return n;
    }
    case "choice":
    case "text":
      return raw;
    case "section":
      throw new ConfigError(`${label} ${path}: is a group of fields (${Object.keys(field.fields).join(", ") || "none"}); set one of them${toggle ? ", or 'on'/'off'" : ""}`);
    default:
      if (field.type === "toggles" || field.type === "keyed" || field.type === "map") {
        throw new ConfigError(`${label} ${path}: is a group of fields; set one of them (${allowedKeys(field).join(", ") || "any key"}), or give a JSON object`);
      }
      return raw;
  }
}

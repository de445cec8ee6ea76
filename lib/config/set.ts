import { ConfigError } from "./error.js";
import type { Field } from "./fields.js";
import { isFieldName, isObject, parseNumber, resolve } from "./resolve.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

function allowedKeys(field: Field): string[] {
  return field.type === "section" ? Object.keys(field.fields) : field.type === "toggles" ? Object.keys(field.kinds) : field.type === "keyed" ? Object.keys(field.entries) : [];
}

interface Located {
  field: Field;
  /** The field is a kind of a toggles field (so `on`/`off` are values). */
  toggle: boolean;
}

/**
 * The field at a dotted path below `root`; errors start with `where` and name what is allowed. `word` is what the
 * keys of `root` are called ("option" in a component's or policy kind's options).
 */
function locate(root: Field, path: string, where: string, word = "field"): Located {
  const keys = path.split(".");
  let field: Field = root;
  let toggle = false;
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j];
    const at = keys.slice(0, j).join(".");
    if (!isFieldName(key)) throw new ConfigError(`${where}: '${key}' is not a field name`);
    toggle = field.type === "toggles";
    if (field.type === "map") {
      field = field.of;
      continue;
    }
    if (field.type !== "section" && field.type !== "toggles" && field.type !== "keyed") {
      throw new ConfigError(`${where}: '${at}' is a single value, not a group of fields`);
    }
    const allowed = allowedKeys(field);
    if (!allowed.includes(key)) {
      const what = field.type === "keyed" ? `${field.noun} '${key}'` : `${word} '${key}'`;
      throw new ConfigError(`${where}: unknown ${what}${at ? ` in ${at}` : ""} (allowed: ${allowed.join(", ") || "none"})`);
    }
    if (field.type === "keyed") word = "option";
    field = field.type === "section" ? field.fields[key] : field.type === "toggles" ? field.kinds[key] : field.entries[key];
  }
  return { field, toggle };
}

/** Text as the field's type says: a number, a name, a comma list, `on`/`off` for a toggle, or JSON for `{…}`/`[…]`. */
function parseValue({ field, toggle }: Located, raw: string, where: string): Json {
  if (toggle && (raw === "on" || raw === "off")) return raw;
  if (raw.startsWith("{") || raw.startsWith("[")) {
    try {
      return JSON.parse(raw) as Json;
    } catch {
      throw new ConfigError(`${where}: '${raw}' is not valid JSON`);
    }
  }
  switch (field.type) {
    case "list": {
      const parts = raw.split(",").map((s) => s.trim()).filter(Boolean);
      if (field.of === "string") return parts;
      return parts.map((p) => {
        const n = parseNumber(p);
        if (!Number.isFinite(n)) throw new ConfigError(`${where}: expected a comma list of numbers, got '${raw}'`);
        return n;
      });
    }
    case "number": {
      const n = parseNumber(raw);
      if (Number.isNaN(n)) throw new ConfigError(`${where}: expected a number, got '${raw}'`);
      return n;
    }
    case "choice":
    case "text":
      return raw;
    default:
      throw new ConfigError(
        `${where}: is a group of fields (${allowedKeys(field).join(", ") || "any key"}); set one of them${toggle ? ", or 'on'/'off'" : ""}, or give a JSON object`,
      );
  }
}

/**
 * Applies `key=value` (a dotted path into `root`) to a partial configuration, the value read as the field's type
 * says. Errors name the path (`--set path` for a path that does not exist). Ranges are checked by `resolve` later.
 */
export function applySet(root: Field, target: Obj, assignment: string): void {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new ConfigError(`--set: expected key=value, got '${assignment}'`);
  const path = assignment.slice(0, eq).trim();
  const located = locate(root, path, `--set ${path}`);
  setAt(target, path, parseValue(located, assignment.slice(eq + 1).trim(), located.field.type === "number" ? path : `--set ${path}`));
}

/** Writes `value` at a dotted path of a partial configuration, making the groups on the way. */
export function setAt(target: Obj, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Obj;
  }
  node[keys[keys.length - 1]] = value;
}

/**
 * One setting given outside a scenario (a command-line flag): the field at `path` below `root`, `raw` read and
 * checked against it. Every error starts with `where` (e.g. `--alpha`).
 */
export function readSetting(root: Field, path: string, raw: string, where: string, word = "field"): unknown {
  const located = locate(root, path, where, word);
  return resolve(located.field, parseValue(located, raw.trim(), where), where);
}

import { defaults, type Field } from "./fields.js";
import { isObject } from "./resolve.js";

type Obj = Record<string, unknown>;

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value as `--set` reads it back for this field (set.ts): numbers and names as they are, lists as comma lists. */
function written(field: Field, value: unknown): string {
  if (field.type === "list") {
    const list = value as unknown[];
    return list.length === 0 ? "[]" : list.join(",");
  }
  if (field.type === "number" || field.type === "choice" || field.type === "text") return String(value);
  return JSON.stringify(value);
}

/**
 * The `--set` assignments (`path=value`, in schema order) that turn the resolved configuration `base` into the
 * resolved `value` of the same field: `resolve(field, applied(base's source, these))` gives `value` back. A
 * drift kind or other toggle that `value` lacks is switched `off`; one that only `value` has is given by its fields
 * that differ from the kind's defaults (or `on` when none do); option maps and number maps are written whole, as
 * JSON, when `base` has an entry `value` lacks.
 */
export function assignments(field: Field, base: unknown, value: unknown, path = ""): string[] {
  switch (field.type) {
    case "section": {
      const b = (base ?? {}) as Obj;
      const v = value as Obj;
      return Object.entries(field.fields).flatMap(([key, f]) => assignments(f, b[key], v[key], join(path, key)));
    }
    case "toggles": {
      const b = (base ?? {}) as Obj;
      const v = value as Obj;
      return Object.entries(field.kinds).flatMap(([kind, f]) => {
        const at = join(path, kind);
        if (v[kind] === undefined) return b[kind] === undefined ? [] : [`${at}=off`];
        const inner = assignments(f, b[kind] ?? defaults(f), v[kind], at);
        return inner.length || b[kind] !== undefined ? inner : [`${at}=on`];
      });
    }
    case "keyed":
    case "map": {
      const b = (base ?? {}) as Obj;
      const v = value as Obj;
      if (same(b, v)) return [];
      const dropped = (from: Obj, to: Obj): boolean => Object.keys(from).some((key) => !Object.hasOwn(to, key) || (isObject(from[key]) && dropped(from[key] as Obj, isObject(to[key]) ? (to[key] as Obj) : {})));
      if (dropped(b, v)) return [`${path}=${JSON.stringify(v)}`];
      if (field.type === "map") return Object.keys(v).filter((key) => !same(b[key], v[key])).map((key) => `${join(path, key)}=${v[key]}`);
      return Object.entries(v).flatMap(([name, options]) => {
        const entry = field.entries[name];
        const given = isObject(options) ? options : {};
        const before = isObject(b[name]) ? (b[name] as Obj) : {};
        // options are kept only as given: write each given one that base does not have with the same value
        return Object.keys(given)
          .filter((key) => !same(before[key], given[key]))
          .map((key) => `${join(join(path, name), key)}=${written(entry?.fields[key] ?? { type: "text", default: "", doc: "" }, given[key])}`);
      });
    }
    default:
      return same(base, value) ? [] : [`${path}=${written(field, value)}`];
  }
}

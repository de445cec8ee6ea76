import { ConfigError } from "./error.js";
import type { Field, NumberField, SectionField, ValueOf } from "./fields.js";

type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys that would reach an object's prototype: never field names, never keys of a map. */
export function isFieldName(key: string): boolean {
  return key !== "" && key !== "__proto__" && key !== "constructor" && key !== "prototype";
}

/** A value as a message shows it: strings quoted, numbers as numbers (Infinity, not null). */
export function describe(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "number") return String(v);
  return JSON.stringify(v) ?? String(v);
}

export function describeRange(f: NumberField): string {
  const lo = Number.isFinite(f.min);
  const hi = Number.isFinite(f.max);
  return lo && hi ? `${f.min} to ${f.max}` : lo ? `${f.min} or more` : hi ? `${f.max} or less` : "any finite number";
}

/** A number written in decimal (`12`, `-0.5`, `1e-3`; `Infinity` too, for fields that allow it); NaN otherwise. */
export function parseNumber(raw: string): number {
  const t = raw.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) || /^[+-]?Infinity$/.test(t) ? Number(t) : NaN;
}

export function checkNumber(f: NumberField, value: unknown, path: string): number {
  const unlimited = f.default === Infinity && value === Infinity;
  if (typeof value !== "number" || !(Number.isFinite(value) || unlimited)) throw new ConfigError(`${path}: expected a number, got ${describe(value)}`);
  if (f.integer && !Number.isInteger(value) && !unlimited) {
    throw new ConfigError(`${path}: expected an integer${Number.isFinite(f.min) || Number.isFinite(f.max) ? ` (allowed: ${describeRange(f)})` : ""}, got ${value}`);
  }
  if (value < f.min || value > f.max) throw new ConfigError(`${path}: ${value} is out of range (allowed: ${describeRange(f)})`);
  return value;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Checks `value` against `field` and returns a fresh value: sections get the defaults of the fields left out
 * (undefined counts as left out), option maps keep only what is given, in the order given. Every error is a
 * ConfigError naming the dotted path and what is allowed. Never writes into `value`.
 */
export function resolve<F extends Field>(field: F, value: unknown, path: string): ValueOf<F> {
  return check(field, value, path, "field") as ValueOf<F>;
}

function check(field: Field, value: unknown, path: string, word: "field" | "option"): unknown {
  switch (field.type) {
    case "number":
      return checkNumber(field, value, path);
    case "choice":
      if (typeof value !== "string") throw new ConfigError(`${path}: expected a string, got ${describe(value)}`);
      if (!field.values.includes(value)) throw new ConfigError(`${path}: unknown ${field.noun} '${value}' (allowed: ${field.values.join(", ")})`);
      return value;
    case "text":
      if (typeof value !== "string") throw new ConfigError(`${path}: expected a string, got ${describe(value)}`);
      return value;
    case "list": {
      if (!Array.isArray(value)) throw new ConfigError(`${path}: expected a list, got ${describe(value)}`);
      return value.map((v, i) => {
        if (field.of === "number" ? typeof v !== "number" || !Number.isFinite(v) : typeof v !== "string") {
          throw new ConfigError(`${path}[${i}]: expected a ${field.of}, got ${describe(v)}`);
        }
        if (field.values && !field.values.includes(v as string)) throw new ConfigError(`${path}: unknown ${field.noun} '${v}' (allowed: ${field.values.join(", ")})`);
        return v;
      });
    }
    case "map": {
      if (!isObject(value)) throw new ConfigError(`${path}: expected an object, got ${describe(value)}`);
      const out: Obj = {};
      for (const [key, v] of Object.entries(value)) {
        if (!isFieldName(key)) throw new ConfigError(`${join(path, key)}: '${key}' is not a key name`);
        out[key] = checkNumber(field.of, v, join(path, key));
      }
      return out;
    }
    case "section": {
      if (!isObject(value)) throw new ConfigError(`${path}: expected an object with keys ${Object.keys(field.fields).join(", ")}, got ${describe(value)}`);
      refuseUnknown(value, Object.keys(field.fields), path, word);
      const out: Obj = {};
      for (const [key, f] of Object.entries(field.fields)) {
        out[key] = value[key] === undefined ? defaultOf(f) : check(f, value[key], join(path, key), word);
      }
      return out;
    }
    case "toggles": {
      if (!isObject(value)) throw new ConfigError(`${path}: expected an object with keys ${Object.keys(field.kinds).join(", ")}, got ${describe(value)}`);
      refuseUnknown(value, Object.keys(field.kinds), path, word);
      const out: Obj = {};
      for (const [kind, f] of Object.entries(field.kinds)) {
        const v = value[kind];
        if (v === undefined || v === false || v === null || v === "off") continue;
        out[kind] = check(f, v === true || v === "on" ? {} : v, join(path, kind), word);
      }
      return out;
    }
    case "keyed": {
      if (!isObject(value)) throw new ConfigError(`${path}: expected an object, got ${describe(value)}`);
      const out: Obj = {};
      for (const [name, v] of Object.entries(value)) {
        if (!isFieldName(name)) throw new ConfigError(`${join(path, name)}: '${name}' is not a field name`);
        const entry = Object.hasOwn(field.entries, name) ? field.entries[name] : undefined;
        if (!entry) throw new ConfigError(`${join(path, name)}: unknown ${field.noun} '${name}' (allowed: ${Object.keys(field.entries).join(", ")})`);
        out[name] = given(entry, v, join(path, name));
      }
      return out;
    }
  }
}

function refuseUnknown(value: Obj, allowed: string[], path: string, word: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new ConfigError(`${join(path, key)}: unknown ${word} (allowed: ${allowed.length ? allowed.join(", ") : "none"})`);
  }
}

/** A fresh default: sections and maps through `check` (which builds new objects), lists copied. */
function defaultOf(f: Field): unknown {
  return f.type === "section" || f.type === "toggles" || f.type === "keyed" || f.type === "map" ? check(f, {}, "", "field") : f.type === "list" ? [...f.default] : f.default;
}

/** Only the options given, each checked, in the order given. */
function given(entry: SectionField, value: unknown, path: string): Obj {
  const keys = Object.keys(entry.fields);
  if (!isObject(value)) throw new ConfigError(`${path}: expected an object with options ${keys.join(", ") || "(none)"}, got ${describe(value)}`);
  refuseUnknown(value, keys, path, "option");
  const out: Obj = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = check(entry.fields[key], v, join(path, key), "option");
  return out;
}

/**
 * An owner's options (a component's `recommender.options.<name>`, a policy's `policy.options.<kind>`): the given
 * ones checked against the section, over its defaults. A fresh object.
 */
export function resolveOptions<S extends SectionField>(section: S, value: Record<string, unknown> | undefined, path: string): ValueOf<S> {
  return check(section, given(section, value ?? {}, path), path, "option") as ValueOf<S>;
}

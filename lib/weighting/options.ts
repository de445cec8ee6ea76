import { ConfigError } from "../scenario/resolve.js";

/**
 * The options of one policy kind (`policy.options.<kind>`) merged over its documented defaults; an unknown key or
 * a value of the wrong type is an error naming the field.
 */
export function kindOptions<T extends object>(
  kind: string,
  defaults: T,
  given: Record<string, Record<string, unknown>>,
  choices: Partial<Record<keyof T, string[]>> = {},
): T {
  const raw = given[kind] ?? {};
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    const path = `policy.options.${kind}.${key}`;
    if (!(key in defaults)) throw new ConfigError(`${path}: unknown option (allowed: ${Object.keys(defaults).join(", ")})`);
    const expected = typeof (defaults as Record<string, unknown>)[key];
    if (typeof value !== expected || (expected === "number" && !Number.isFinite(value))) {
      throw new ConfigError(`${path}: expected a ${expected}, got ${JSON.stringify(value)}`);
    }
    const allowed = (choices as Record<string, string[] | undefined>)[key];
    if (allowed && !allowed.includes(value as string)) throw new ConfigError(`${path}: unknown value '${value}' (allowed: ${allowed.join(", ")})`);
    out[key] = value;
  }
  return out as T;
}

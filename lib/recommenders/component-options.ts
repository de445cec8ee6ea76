import { ConfigError } from "../scenario/resolve.js";

/** [min, max, integer] for one numeric option; both ends inclusive. */
export type OptionRange = [number, number, boolean?];

/**
 * A component's options: the defaults overlaid with `recommender.options.<name>`, every key known and every
 * value a number in its range. Returns a fresh object; errors name the field and what is allowed.
 */
export function componentOptions<T extends object>(
  name: string,
  defaults: T,
  ranges: Record<keyof T, OptionRange>,
  given: Record<string, unknown>,
): T {
  const out = { ...defaults } as Record<string, unknown>;
  const allowed = Object.keys(defaults);
  for (const [key, value] of Object.entries(given)) {
    const field = `recommender.options.${name}.${key}`;
    if (!allowed.includes(key)) throw new ConfigError(`${field}: unknown option (allowed: ${allowed.join(", ")})`);
    const [min, max, integer] = ranges[key as keyof T];
    const kind = integer ? "an integer" : "a number";
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new ConfigError(`${field}: must be ${kind} in [${min}, ${max}], got ${JSON.stringify(value)}`);
    }
    out[key] = value;
  }
  return out as T;
}

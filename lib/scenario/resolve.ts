import { ConfigError } from "../config/error.js";
import { describe, isObject, resolve } from "../config/resolve.js";
import { applySet as applyTo } from "../config/set.js";
import { checkScenario } from "./checks.js";
import { SCENARIO_SCHEMA, type ScenarioConfig } from "./config.js";

/**
 * A fully resolved scenario from a partial one (a scenario file, a page's controls) and `--set` assignments: every
 * field checked against the schema (SCENARIO_SCHEMA) and filled from its default, then the checks across fields
 * (checks.ts). Errors are ConfigErrors naming the dotted path and what is allowed. Returns a fresh object; never
 * writes into its input.
 */
export function resolveScenario(partial: unknown, sets: string[] = []): ScenarioConfig {
  if (!isObject(partial)) throw new ConfigError(`scenario: expected a JSON object, got ${describe(partial)}`);
  const withSets = structuredClone(partial);
  for (const assignment of sets) applyTo(SCENARIO_SCHEMA, withSets, assignment);
  const resolved = resolve(SCENARIO_SCHEMA, withSets, "");
  checkScenario(resolved);
  return resolved;
}

/** Throws the ConfigError of the first field of a complete scenario that is not allowed (for configs built in code). */
export function validateScenario(config: ScenarioConfig): void {
  resolveScenario(config);
}

/** Applies `key=value` with a dotted key to a partial scenario; the value's type follows the schema. */
export function applySet(target: Record<string, unknown>, assignment: string): void {
  applyTo(SCENARIO_SCHEMA, target, assignment);
}

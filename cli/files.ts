import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, resolveScenario } from "../lib/scenario/resolve.js";
import type { ScenarioConfig } from "../lib/scenario/config.js";
import { validateVocabulary, type Vocabulary } from "../lib/world/topics.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SIMULATIONS = join(ROOT, "simulations");

/** Writes through a temporary file and a rename, so a killed process never leaves a file that looks complete. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export function builtinScenarios(): string[] {
  return readdirSync(SIMULATIONS)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A scenario by built-in name or file path, with --set assignments applied and every field validated. */
export function loadScenario(nameOrFile: string, sets: string[] = []): ScenarioConfig {
  const builtin = join(SIMULATIONS, `${nameOrFile}.json`);
  const path = existsSync(builtin) ? builtin : existsSync(nameOrFile) ? nameOrFile : null;
  if (!path) throw new ConfigError(`--scenario: unknown scenario '${nameOrFile}' (built-in: ${builtinScenarios().join(", ")}; or a path to a JSON file)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const resolved = resolveScenario(parsed, sets);
  if (resolved.name === "custom") resolved.name = basename(path).replace(/\.json$/, "");
  return resolved;
}

export function loadVocabulary(topics: number): Vocabulary {
  return validateVocabulary(JSON.parse(readFileSync(join(ROOT, "data", "topics.json"), "utf8")), topics);
}

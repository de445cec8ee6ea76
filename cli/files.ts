import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, resolveScenario, type ScenarioConfig, validateVocabulary, type Vocabulary } from "../lib/index.js";
import { makeDirectory } from "./directories.js";
import { readText } from "./text-input.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SIMULATIONS = join(ROOT, "simulations");

export { writeAtomic } from "./output.js";

/**
 * Creates an output directory (and its parents) before any work is done, so a bad --out fails at once and in one
 * line. For a directory of outputs written as a set, use StagedDirectory (output.ts).
 */
export function outputDirectory(path: string, flag = "--out"): string {
  return makeDirectory(path, flag);
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
  const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
  const path = /^[\w-]+$/.test(nameOrFile) && isFile(builtin) ? builtin : isFile(nameOrFile) ? nameOrFile : null;
  if (!path) throw new ConfigError(`--scenario: unknown scenario '${nameOrFile}' (built-in: ${builtinScenarios().join(", ")}; or a path to a JSON file)`);
  const text = readText(path, "--scenario");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const data = (parsed as { data?: { dir?: unknown } } | null)?.data;
  // a data.dir written in a scenario file is relative to the file, as a path inside any document is
  if (data && typeof data.dir === "string" && data.dir !== "" && !isAbsolute(data.dir)) data.dir = resolve(dirname(path), data.dir);
  const resolved = resolveScenario(parsed, sets);
  if (resolved.name === "custom") resolved.name = basename(path).replace(/\.json$/, "");
  return resolved;
}

export function loadVocabulary(topics?: number): Vocabulary {
  const shipped = JSON.parse(readFileSync(join(ROOT, "data", "topics.json"), "utf8")) as { topics: unknown[] };
  return validateVocabulary(shipped, topics ?? shipped.topics.length);
}

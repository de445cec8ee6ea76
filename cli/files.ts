import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, resolveScenario, type ScenarioConfig, validateVocabulary, type Vocabulary } from "../lib/index.js";
import { UsageError } from "./args.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SIMULATIONS = join(ROOT, "simulations");

let temporaries = 0;

/**
 * Writes through a temporary file and a rename, so a killed process never leaves a file that looks complete.
 * A path that cannot be written is a UsageError naming it; the temporary file is removed.
 */
export function writeAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${temporaries++}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write '${path}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Creates an output directory before any work is done, so a bad --out fails at once and in one line. */
export function outputDirectory(path: string, flag = "--out"): string {
  try {
    mkdirSync(path, { recursive: true });
    if (!statSync(path).isDirectory()) throw Object.assign(new Error(), { code: "ENOTDIR" });
  } catch (e) {
    throw new UsageError(`${flag}: cannot use '${path}' as the output directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return path;
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

export function loadVocabulary(topics?: number): Vocabulary {
  const shipped = JSON.parse(readFileSync(join(ROOT, "data", "topics.json"), "utf8")) as { topics: unknown[] };
  return validateVocabulary(shipped, topics ?? shipped.topics.length);
}

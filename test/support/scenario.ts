import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadVocabulary, SIMULATIONS } from "../../cli/files.js";
import type { ScenarioConfig } from "../../lib/scenario/config.js";
import { resolveScenario } from "../../lib/scenario/resolve.js";
import type { Vocabulary } from "../../lib/world/topics.js";

/**
 * A built-in scenario with `--set` assignments applied, as the command line resolves it, except that it reads with
 * the hashing encoder: the text model a Simulation builds itself. The built-ins read with pretrained, whose word
 * vectors only the command line loads (cli/embeddings.ts); a test that wants them says `encoder.kind=pretrained`.
 */
export function builtin(name: string, sets: string[] = []): ScenarioConfig {
  return resolveScenario(JSON.parse(readFileSync(join(SIMULATIONS, `${name}.json`), "utf8")), ["encoder.kind=hashing", ...sets]);
}

/** A scenario from defaults and `--set` assignments only. */
export function scenario(sets: string[] = []): ScenarioConfig {
  return resolveScenario({}, sets);
}

export function vocabulary(config: ScenarioConfig): Vocabulary {
  return loadVocabulary(config.world.topics);
}

export const TINY = ["world.users=60", "world.items=200", "run.rounds=10"];

import type { ScenarioConfig } from "../lib/scenario/config.js";
import type { Embeddings } from "../lib/simulation/simulation.js";
import { ConfigError } from "../lib/scenario/resolve.js";
import type { Vocabulary } from "../lib/world/topics.js";

/**
 * Item embeddings for a run. `hashing` is computed inside the simulation; other encoders are added by the
 * language-model layer and read from the on-disk cache.
 */
export async function loadEmbeddings(config: ScenarioConfig, _vocabulary: Vocabulary): Promise<Embeddings | undefined> {
  if (config.encoder.kind === "hashing") return undefined;
  throw new ConfigError(`encoder.kind: '${config.encoder.kind}' is not available in this build (allowed: hashing)`);
}

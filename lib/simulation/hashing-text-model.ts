import { createHashingEncoder } from "../encoders/hashing.js";
import type { ScenarioConfig } from "../scenario/config.js";
import type { Items } from "../world/items.js";
import type { Vocabulary } from "../world/topics.js";
import type { Embeddings } from "./simulation.js";
import { syncTextModel } from "./text-model.js";

/**
 * The text model the command line gives a run whose encoder.kind is hashing: item vectors, the event-text encoder
 * and the review-sentiment reader (trained in TensorFlow.js, so a backend must be ready). Passed to a Simulation
 * as `embeddings`, it makes a run made from lib (the playground, a notebook) the same run as `drift-lab run`;
 * without it the Simulation has hashing vectors but reads no review's sentiment.
 */
export function hashingTextModel(config: ScenarioConfig, vocabulary: Vocabulary, items?: Items): Required<Embeddings> {
  return syncTextModel(createHashingEncoder({ dim: config.encoder.dim }), config, vocabulary, items);
}

import type { SyncEncoder } from "../encoders/encoder.js";
import { createPretrainedEncoder, type PretrainedVectors } from "../encoders/pretrained.js";
import { runSentimentReader } from "../encoders/sentiment.js";
import type { ScenarioConfig } from "../scenario/config.js";
import type { Items } from "../world/items.js";
import type { Vocabulary } from "../world/topics.js";
import type { Embeddings } from "./simulation.js";
import { worldItems } from "./world-corpus.js";

/**
 * A run's text model from an encoder cheap enough to call per event: item vectors, the event-text encoder and
 * the review-sentiment reader (trained in TensorFlow.js, so a backend must be ready). It is what the command
 * line builds for the same encoder, so a run made from lib (the playground, a notebook) is the run `drift-lab run` makes.
 */
export function syncTextModel(encoder: SyncEncoder, config: ScenarioConfig, vocabulary: Vocabulary, items: Items = worldItems(config, vocabulary)): Required<Embeddings> {
  return {
    dim: encoder.dim,
    vectors: encoder.encodeSync(items.text),
    encodeText: encoder.encodeSync,
    sentiment: runSentimentReader(encoder.encodeSync, encoder.dim, vocabulary, config.run.seed),
  };
}

/** The text model of encoder.kind=pretrained, from the word vectors the world needs (cli/pretrained-vectors.ts, or a page's data loader). */
export function pretrainedTextModel(config: ScenarioConfig, vocabulary: Vocabulary, table: PretrainedVectors, items?: Items): Required<Embeddings> {
  return syncTextModel(createPretrainedEncoder(table), config, vocabulary, items);
}

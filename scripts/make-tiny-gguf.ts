/**
 * Writes a tiny llama-architecture language model with random weights as a GGUF file, so that the in-process
 * LLM backend (node-llama-cpp) is tested end to end without downloading a model: llama.cpp loads it, tokenises
 * the prompt, runs the transformer and samples under a JSON grammar. Its choices are meaningless.
 *
 * One block, 32-wide embeddings, 4 heads, SentencePiece-style vocabulary of single characters: `<unk>`, `<s>`,
 * `</s>`, the 256 byte-fallback tokens `<0x00>`…`<0xFF>` (newlines and anything non-printable), and each
 * printable ASCII character, with space written `▁` as SentencePiece does.
 *
 * Usage: tsx scripts/make-tiny-gguf.ts [OUT_FILE]   (default .cache/models/drift-lab/tiny-llama.gguf)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Stream } from "../lib/random/stream.js";
import { encodeGguf, f32, float32s, int32s, str, strings, u32, type GgufTensor } from "./gguf.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const TINY_GGUF_PATH = join(ROOT, ".cache", "models", "drift-lab", "tiny-llama.gguf");

export interface TinyGgufOptions {
  embedding: number;
  heads: number;
  feedForward: number;
  blocks: number;
  contextLength: number;
  seed: number;
}

export const DEFAULT_TINY_GGUF: TinyGgufOptions = { embedding: 32, heads: 4, feedForward: 64, blocks: 1, contextLength: 8192, seed: 7 };

/** Token type codes of tokenizer.ggml.token_type. */
const NORMAL = 1;
const UNKNOWN = 2;
const CONTROL = 3;
const BYTE = 6;

/** The vocabulary: token text and type by id. */
export function tinyVocabulary(): { tokens: string[]; types: number[] } {
  const tokens = ["<unk>", "<s>", "</s>"];
  const types = [UNKNOWN, CONTROL, CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
    types.push(BYTE);
  }
  tokens.push("▁");
  types.push(NORMAL);
  for (let c = 0x21; c <= 0x7e; c++) {
    tokens.push(String.fromCharCode(c));
    types.push(NORMAL);
  }
  return { tokens, types };
}

/** The file's bytes; the same options give the same bytes. */
export function tinyGguf(options: Partial<TinyGgufOptions> = {}): Uint8Array {
  const o = { ...DEFAULT_TINY_GGUF, ...options };
  const { tokens, types } = tinyVocabulary();
  const V = tokens.length;
  const E = o.embedding;
  const F = o.feedForward;
  if (E % o.heads !== 0 || (E / o.heads) % 2 !== 0) throw new Error("make-tiny-gguf: embedding / heads must be an even integer (RoPE pairs)");
  const stream = new Stream(`tiny-gguf/${o.seed}`);
  const normal = (n: number, sd: number) => Float32Array.from({ length: n }, () => stream.normal(0, sd));
  const ones = (n: number) => new Float32Array(n).fill(1);
  const tensors: GgufTensor[] = [
    { name: "token_embd.weight", dims: [E, V], data: normal(E * V, 1) },
    { name: "output_norm.weight", dims: [E], data: ones(E) },
    { name: "output.weight", dims: [E, V], data: normal(E * V, 1) },
  ];
  for (let b = 0; b < o.blocks; b++) {
    const p = `blk.${b}`;
    tensors.push(
      { name: `${p}.attn_norm.weight`, dims: [E], data: ones(E) },
      { name: `${p}.attn_q.weight`, dims: [E, E], data: normal(E * E, 1 / Math.sqrt(E)) },
      { name: `${p}.attn_k.weight`, dims: [E, E], data: normal(E * E, 1 / Math.sqrt(E)) },
      { name: `${p}.attn_v.weight`, dims: [E, E], data: normal(E * E, 1 / Math.sqrt(E)) },
      { name: `${p}.attn_output.weight`, dims: [E, E], data: normal(E * E, 1 / Math.sqrt(E)) },
      { name: `${p}.ffn_norm.weight`, dims: [E], data: ones(E) },
      { name: `${p}.ffn_gate.weight`, dims: [E, F], data: normal(E * F, 1 / Math.sqrt(E)) },
      { name: `${p}.ffn_up.weight`, dims: [E, F], data: normal(E * F, 1 / Math.sqrt(E)) },
      { name: `${p}.ffn_down.weight`, dims: [F, E], data: normal(F * E, 1 / Math.sqrt(F)) },
    );
  }
  return encodeGguf(
    {
      "general.architecture": str("llama"),
      "general.name": str("drift-lab tiny llama (random weights)"),
      "general.file_type": u32(0),
      "llama.context_length": u32(o.contextLength),
      "llama.embedding_length": u32(E),
      "llama.block_count": u32(o.blocks),
      "llama.feed_forward_length": u32(F),
      "llama.rope.dimension_count": u32(E / o.heads),
      "llama.attention.head_count": u32(o.heads),
      "llama.attention.head_count_kv": u32(o.heads),
      "llama.attention.layer_norm_rms_epsilon": f32(1e-5),
      "llama.vocab_size": u32(V),
      "tokenizer.ggml.model": str("llama"),
      "tokenizer.ggml.tokens": strings(tokens),
      "tokenizer.ggml.scores": float32s(new Float32Array(V)),
      "tokenizer.ggml.token_type": int32s(types),
      "tokenizer.ggml.bos_token_id": u32(1),
      "tokenizer.ggml.eos_token_id": u32(2),
      "tokenizer.ggml.unknown_token_id": u32(0),
    },
    tensors,
  );
}

export function writeTinyGguf(path = TINY_GGUF_PATH, options: Partial<TinyGgufOptions> = {}): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, tinyGguf(options));
  return path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = writeTinyGguf(resolve(process.argv[2] ?? TINY_GGUF_PATH));
  process.stderr.write(`make-tiny-gguf: wrote ${out}\n`);
}

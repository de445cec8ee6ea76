/**
 * A writer for GGUF version 3 (ggml's single-file model format: header, typed key–value metadata, tensor table,
 * aligned tensor data), little-endian, float32 tensors only. Written from the format's specification
 * (ggml docs/gguf.md), enough for `make-tiny-gguf.ts`.
 *
 * Shapes are given as ggml orders them: `dims[0]` is the contiguous (innermost) dimension, so a matrix that
 * multiplies an `in`-vector into an `out`-vector is `[in, out]` with `data[o * in + i]`.
 */

/** Metadata value types (gguf_metadata_value_type). */
const TYPE = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9 } as const;
const GGML_F32 = 0;
export const GGUF_ALIGNMENT = 32;

export type GgufValue =
  | { type: "uint32" | "int32" | "float32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "string"; value: string }
  | { type: "array"; of: "string"; value: string[] }
  | { type: "array"; of: "int32" | "float32"; value: ArrayLike<number> };

export interface GgufTensor {
  name: string;
  dims: number[];
  data: Float32Array;
}

export const u32 = (value: number): GgufValue => ({ type: "uint32", value });
export const f32 = (value: number): GgufValue => ({ type: "float32", value });
export const str = (value: string): GgufValue => ({ type: "string", value });
export const strings = (value: string[]): GgufValue => ({ type: "array", of: "string", value });
export const int32s = (value: ArrayLike<number>): GgufValue => ({ type: "array", of: "int32", value });
export const float32s = (value: ArrayLike<number>): GgufValue => ({ type: "array", of: "float32", value });

/** A growable little-endian byte buffer. */
class Bytes {
  private buffer = new Uint8Array(1 << 16);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  u8(x: number): void {
    this.reserve(1);
    this.view.setUint8(this.length, x);
    this.length += 1;
  }
  u32(x: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, x, true);
    this.length += 4;
  }
  i32(x: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, x, true);
    this.length += 4;
  }
  f32(x: number): void {
    this.reserve(4);
    this.view.setFloat32(this.length, x, true);
    this.length += 4;
  }
  u64(x: number): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, BigInt(x), true);
    this.length += 8;
  }
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }
  /** A gguf_string_t: uint64 byte length, then UTF-8 without a terminator. */
  string(s: string): void {
    const bytes = new TextEncoder().encode(s);
    this.u64(bytes.length);
    this.raw(bytes);
  }
  padTo(alignment: number): void {
    while (this.length % alignment !== 0) this.u8(0);
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

function writeValue(out: Bytes, v: GgufValue): void {
  switch (v.type) {
    case "uint32":
      return out.u32(v.value);
    case "int32":
      return out.i32(v.value);
    case "float32":
      return out.f32(v.value);
    case "bool":
      return out.u8(v.value ? 1 : 0);
    case "string":
      return out.string(v.value);
    case "array": {
      out.u32(TYPE[v.of]);
      out.u64(v.value.length);
      for (let i = 0; i < v.value.length; i++) {
        const x = v.value[i];
        if (v.of === "string") out.string(x as string);
        else if (v.of === "int32") out.i32(x as number);
        else out.f32(x as number);
      }
    }
  }
}

/** The whole file. Tensor data follow the table in the given order, each at a multiple of the alignment. */
export function encodeGguf(metadata: Record<string, GgufValue>, tensors: GgufTensor[]): Uint8Array {
  for (const t of tensors) {
    const n = t.dims.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new Error(`gguf: tensor ${t.name} has ${t.data.length} values for shape [${t.dims}]`);
    if (new TextEncoder().encode(t.name).length > 64) throw new Error(`gguf: tensor name ${t.name} is over 64 bytes`);
  }
  const meta: [string, GgufValue][] = [["general.alignment", u32(GGUF_ALIGNMENT)], ...Object.entries(metadata)];
  const out = new Bytes();
  out.raw(new TextEncoder().encode("GGUF"));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(meta.length);
  for (const [key, value] of meta) {
    if (!/^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(key)) throw new Error(`gguf: metadata key '${key}' is not lower_snake_case segments`);
    out.string(key);
    out.u32(TYPE[value.type]);
    writeValue(out, value);
  }
  let offset = 0;
  const offsets = tensors.map((t) => {
    const at = offset;
    offset += Math.ceil((t.data.length * 4) / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;
    return at;
  });
  tensors.forEach((t, i) => {
    out.string(t.name);
    out.u32(t.dims.length);
    for (const d of t.dims) out.u64(d);
    out.u32(GGML_F32);
    out.u64(offsets[i]);
  });
  out.padTo(GGUF_ALIGNMENT);
  for (const t of tensors) {
    const bytes = new Uint8Array(t.data.length * 4);
    const view = new DataView(bytes.buffer);
    t.data.forEach((x, i) => view.setFloat32(i * 4, x, true));
    out.raw(bytes);
    out.padTo(GGUF_ALIGNMENT);
  }
  return out.result();
}

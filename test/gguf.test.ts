import { describe, expect, it } from "vitest";
import { encodeGguf, f32, GGUF_ALIGNMENT, int32s, str, strings, u32 } from "../scripts/gguf.js";
import { tinyGguf } from "../scripts/make-tiny-gguf.js";

/** Reads the file back field by field as the specification lays it out (a check written apart from the writer). */
function readBack(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = () => ((at += 4), view.getUint32(at - 4, true));
  const u64 = () => ((at += 8), Number(view.getBigUint64(at - 8, true)));
  const string = () => {
    const n = u64();
    at += n;
    return new TextDecoder().decode(bytes.subarray(at - n, at));
  };
  const value = (type: number): unknown => {
    if (type === 4) return u32();
    if (type === 5) return ((at += 4), view.getInt32(at - 4, true));
    if (type === 6) return ((at += 4), view.getFloat32(at - 4, true));
    if (type === 8) return string();
    if (type === 9) {
      const of = u32();
      return Array.from({ length: u64() }, () => value(of));
    }
    throw new Error(`type ${type}`);
  };
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  at = 4;
  const version = u32();
  const tensorCount = u64();
  const kvCount = u64();
  const metadata: Record<string, unknown> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = string();
    metadata[key] = value(u32());
  }
  const tensors = Array.from({ length: tensorCount }, () => {
    const name = string();
    const dims = Array.from({ length: u32() }, () => u64());
    return { name, dims, type: u32(), offset: u64() };
  });
  const dataStart = Math.ceil(at / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;
  const floats = (t: (typeof tensors)[number], n: number) => Array.from({ length: n }, (_, i) => view.getFloat32(dataStart + t.offset + 4 * i, true));
  return { magic, version, metadata, tensors, dataStart, floats, padding: bytes.subarray(at, dataStart) };
}

describe("the GGUF writer", () => {
  it("lays out header, metadata, tensor table and aligned data as the specification says", () => {
    const a = Float32Array.of(1, -2, 3.5);
    const b = Float32Array.from({ length: 10 }, (_, i) => i / 4);
    const file = readBack(
      encodeGguf({ "general.architecture": str("llama"), "x.count": u32(7), "x.eps": f32(0.5), "x.words": strings(["a", "bé"]), "x.ids": int32s([-1, 2]) }, [
        { name: "a", dims: [3], data: a },
        { name: "b", dims: [5, 2], data: b },
      ]),
    );
    expect(file.magic).toBe("GGUF");
    expect(file.version).toBe(3);
    expect(file.metadata).toEqual({ "general.alignment": 32, "general.architecture": "llama", "x.count": 7, "x.eps": 0.5, "x.words": ["a", "bé"], "x.ids": [-1, 2] });
    expect(file.tensors).toEqual([
      { name: "a", dims: [3], type: 0, offset: 0 },
      { name: "b", dims: [5, 2], type: 0, offset: 32 },
    ]);
    expect(file.dataStart % 32).toBe(0);
    expect(file.padding.every((x) => x === 0)).toBe(true);
    expect(file.floats(file.tensors[0], 3)).toEqual([1, -2, 3.5]);
    expect(file.floats(file.tensors[1], 10)).toEqual(Array.from(b));
  });

  it("refuses a shape that does not match the data and a key that is not lower_snake_case", () => {
    expect(() => encodeGguf({}, [{ name: "a", dims: [2, 2], data: new Float32Array(3) }])).toThrow("gguf: tensor a has 3 values for shape [2,2]");
    expect(() => encodeGguf({ "General.Name": str("x") }, [])).toThrow("not lower_snake_case");
  });

  it("writes the tiny model deterministically, with llama's required keys and one block's tensors", () => {
    const bytes = tinyGguf();
    expect(Buffer.from(tinyGguf()).equals(Buffer.from(bytes))).toBe(true);
    const file = readBack(bytes);
    for (const key of ["context_length", "embedding_length", "block_count", "feed_forward_length", "rope.dimension_count", "attention.head_count", "attention.layer_norm_rms_epsilon"]) {
      expect(file.metadata, key).toHaveProperty([`llama.${key}`]);
    }
    expect(file.metadata["tokenizer.ggml.model"]).toBe("llama");
    expect(file.tensors.map((t) => t.name)).toContain("blk.0.ffn_down.weight");
    const V = (file.metadata["tokenizer.ggml.tokens"] as string[]).length;
    expect(file.tensors.find((t) => t.name === "token_embd.weight")!.dims).toEqual([32, V]);
    expect(file.tensors.find((t) => t.name === "blk.0.ffn_down.weight")!.dims).toEqual([64, 32]);
  });
});

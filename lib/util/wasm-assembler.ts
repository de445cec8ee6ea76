/**
 * Just enough of a WebAssembly assembler for the lab's SIMD kernels (recommenders/dots-wasm.ts, loop/blend-wasm.ts):
 * instructions as byte arrays, a module of functions exported with its memory. The kernels are assembled at
 * run time, so the repository holds no binary and needs no build step.
 */

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => vector([...s].map((c) => [c.charCodeAt(0)]));

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;

export const get = (local: number) => [0x20, ...uleb(local)];
export const set = (local: number) => [0x21, ...uleb(local)];
export const i32 = (value: number) => [0x41, ...sleb(value)];
export const ADD = [0x6a];
export const MUL = [0x6c];
export const LT_U = [0x49];
export const EQZ = [0x45];
export const F32_LOAD = [0x2a, 2, 0];
export const F32_GT = [0x5e];
export const SUB = [0x6b];
export const LE_U = [0x4d];
export const RETURN = [0x0f];
/** `if (condition on the stack) { body }`. */
export const ifThen = (body: number[]) => [0x04, 0x40, ...body, 0x0b];
export const F64_LOAD = [0x2b, 3, 0];
export const F64_ADD = [0xa0];
export const F64_MUL = [0xa2];
export const F32_DEMOTE_F64 = [0xb6];
export const F64_PROMOTE_F32 = [0xbb];
export const f32Store = (offset: number) => [0x38, 2, ...uleb(offset)];
export const simd = (op: number) => [0xfd, ...uleb(op)];
export const V128_LOAD = [...simd(0x00), 4, 0];
export const V128_STORE = [...simd(0x0b), 4, 0];
export const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
/** i8x16.shuffle: byte k of the result is byte lanes[k] of a (0–15) or of b (16–31). */
export const shuffle = (lanes: number[]) => [...simd(0x0d), ...lanes];
export const F32X4_SPLAT = simd(0x13);
export const F32X4_GT = simd(0x44);
export const V128_ANY_TRUE = simd(0x53);
export const F64X2_SPLAT = simd(0x14);
export const F64X2_ADD = simd(0xf0);
export const F64X2_MUL = simd(0xf2);
export const F32X4_DEMOTE_F64X2_ZERO = simd(0x5e);
export const F64X2_PROMOTE_LOW_F32X4 = simd(0x5f);
export const extractLane = (lane: number) => [...simd(0x21), lane];

/** `while (counter < limit) { body; }` as block + loop (unsigned comparison). */
export const whileBelow = (counter: number, limit: number, body: number[]) => [0x02, 0x40, 0x03, 0x40, ...get(counter), ...get(limit), ...LT_U, ...EQZ, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];

/** A function of a module: its exported name, parameter and result types, locals as [count, type] runs, and body (without its final `end`). */
export interface WasmFunction {
  name: string;
  params: number[];
  results?: number[];
  locals: [number, number][];
  body: number[];
}

/** A module of the given functions, each exported by its name, and its memory exported as `memory` (one page to start, growable). */
export function moduleBytes(functions: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const code = (f: WasmFunction) => [...vector(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, 0x0b];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, vector(functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), ...vector((f.results ?? []).map((t) => [t]))]))),
    ...section(3, vector(functions.map((_, j) => uleb(j)))),
    ...section(5, vector([[0, 1]])),
    ...section(7, vector([...functions.map((f, j) => [...name(f.name), 0, ...uleb(j)]), [...name("memory"), 2, 0]])),
    ...section(10, vector(functions.map((f) => [...uleb(code(f).length), ...code(f)]))),
  ]);
}

/** The compiled module, or null where the engine has no WebAssembly or does not accept these bytes (no SIMD). */
export function compile(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  return typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
}

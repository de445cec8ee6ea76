import { ADD, compile, EQZ, F32, F32_GT, F32_LOAD, F32X4_DEMOTE_F64X2_ZERO, F32X4_GT, F32X4_SPLAT, F64, F64X2_ADD, F64X2_MUL, F64X2_PROMOTE_LOW_F32X4, F64X2_SPLAT, get, I32, i32, ifThen, LE_U, moduleBytes, MUL, RETURN, set, shuffle, V128, V128_ANY_TRUE, V128_LOAD, V128_STORE, whileBelow } from "../util/wasm-assembler.js";

/**
 * The WebAssembly module of UserBlender. It exports `memory` and
 *   axpy(out, row, n, w)
 * which, for i < n (a multiple of 4), writes out[i] = f32(f64(out[i]) + w · f64(row[i])), with `out` and `row` byte
 * addresses of float32 arrays in `memory` and w a float64: IEEE float64 multiply and add (never fused), rounded to
 * float32 to nearest, even, which is bit for bit JavaScript's `out[i] += w * row[i]` on Float32Arrays (four floats
 * a step, as two f64x2 halves); and
 *   above(values, from, count, floor) → i
 * the first i in [from, count) with values[i] > floor (float32 comparison; count if none), four values a step:
 * what a top-n scan skips once its list is full.
 * Returns null where the engine has no WebAssembly or no SIMD.
 */
export function blendModule(): WebAssembly.Module | null {
  if (cached === undefined) cached = compile(moduleBytes([axpy(), above()]));
  return cached;
}

let cached: WebAssembly.Module | null | undefined;

/** Bytes 8–15 of a vector moved to 0–7: its float32 lanes 2 and 3 where f64x2.promote_low reads. */
const HIGH_HALF = shuffle([8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15]);
/** The low two float32 lanes of a, then the low two of b. */
const LOW_HALVES = shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);

function axpy() {
  const [OUT, ROW, N, W] = [0, 1, 2, 3];
  const [AT, END] = [4, 5];
  const [WS, A, S] = [6, 7, 8];
  // f64(a lanes) + w · f64(s lanes), for the low (high = false) or high two lanes
  const half = (high: boolean) => [
    ...get(A), ...(high ? [...get(A), ...HIGH_HALF] : []), ...F64X2_PROMOTE_LOW_F32X4,
    ...get(WS), ...get(S), ...(high ? [...get(S), ...HIGH_HALF] : []), ...F64X2_PROMOTE_LOW_F32X4, ...F64X2_MUL,
    ...F64X2_ADD, ...F32X4_DEMOTE_F64X2_ZERO,
  ];
  const step = [
    ...get(OUT), ...get(AT), ...ADD, ...V128_LOAD, ...set(A),
    ...get(ROW), ...get(AT), ...ADD, ...V128_LOAD, ...set(S),
    ...get(OUT), ...get(AT), ...ADD,
    ...half(false), ...half(true), ...LOW_HALVES,
    ...V128_STORE,
    ...get(AT), ...i32(16), ...ADD, ...set(AT),
  ];
  const body = [
    ...get(W), ...F64X2_SPLAT, ...set(WS),
    ...get(N), ...i32(4), ...MUL, ...set(END),
    ...i32(0), ...set(AT),
    ...whileBelow(AT, END, step),
  ];
  return { name: "axpy", params: [I32, I32, I32, F64], locals: [[2, I32], [3, V128]] as [number, number][], body };
}

function above() {
  const [VALUES, FROM, COUNT, FLOOR] = [0, 1, 2, 3];
  const I = 4;
  const FLOORS = 5;
  const at = [...get(VALUES), ...get(I), ...i32(4), ...MUL, ...ADD];
  // four at a time while i + 4 ≤ count, leaving at the first block with a value above the floor
  const blocks = [
    0x02, 0x40, 0x03, 0x40,
    ...get(I), ...i32(4), ...ADD, ...get(COUNT), ...LE_U, ...EQZ, 0x0d, 1,
    ...at, ...V128_LOAD, ...get(FLOORS), ...F32X4_GT, ...V128_ANY_TRUE, 0x0d, 1,
    ...get(I), ...i32(4), ...ADD, ...set(I),
    0x0c, 0, 0x0b, 0x0b,
  ];
  const one = [...at, ...F32_LOAD, ...get(FLOOR), ...F32_GT, ...ifThen([...get(I), ...RETURN]), ...get(I), ...i32(1), ...ADD, ...set(I)];
  const body = [...get(FLOOR), ...F32X4_SPLAT, ...set(FLOORS), ...get(FROM), ...set(I), ...blocks, ...whileBelow(I, COUNT, one), ...get(COUNT)];
  return { name: "above", params: [I32, I32, I32, F32], results: [I32], locals: [[1, I32], [1, V128]] as [number, number][], body };
}

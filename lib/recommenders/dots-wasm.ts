import { ADD, compile, EQZ, extractLane, F32_DEMOTE_F64, F64_LOAD, F64X2_ADD, F64X2_MUL, F64X2_SPLAT, f32Store, get, I32, i32, moduleBytes, MUL, set, V128, V128_LOAD, V128_ZERO, whileBelow } from "../util/wasm-assembler.js";

/**
 * The WebAssembly module of ItemDots, assembled here from its instructions (no build step, no binary in the
 * repository). It exports `memory` and
 *   dots(a, rows, b, pairs, dim, out, stride)
 * which, for rows r < `rows` (a multiple of 4) and item pairs p < `pairs` (a multiple of 2), writes
 *   out[r·stride + 2p + lane] = f32(Σ_j a[r·dim + j] · b[(p·dim + j)·2 + lane])   (lane 0, 1)
 * with `a` (f64 rows), `b` (f64, two items interleaved per pair) and `out` (f32) byte addresses in `memory`.
 * Each f64x2 lane is one item's sum, accumulated over j in order with IEEE float64 multiply and add (WebAssembly
 * never fuses them), then rounded to float32: bit for bit the plain JavaScript loop's result. Blocks of four rows
 * by two pairs keep eight vector sums in registers.
 * Returns null where the engine has no WebAssembly or no SIMD.
 */
export function dotsModule(): WebAssembly.Module | null {
  if (cached === undefined) cached = compile(assemble());
  return cached;
}

let cached: WebAssembly.Module | null | undefined;

function assemble(): Uint8Array<ArrayBuffer> {
  // parameters
  const [A, ROWS, B, PAIRS, DIM, OUT, STRIDE] = [0, 1, 2, 3, 4, 5, 6];
  // i32 locals: row, pair, j, row address, pair address, b cursor, a row bytes, pair bytes, out address, a cursors
  const [R, P, J, AROW, BPAIR, BJ, ROW_BYTES, PAIR_BYTES, O] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
  const aj = (k: number) => 16 + k;
  // v128 locals: sums of row k (0–3) and pair q (0–1), the two pairs' b values, the splatted a value
  const sum = (k: number, q: number) => 20 + 2 * k + q;
  const [B0, B1, X] = [28, 29, 30];
  const rows = [0, 1, 2, 3];
  const pairs = [0, 1];

  const inner = [
    ...get(BJ), ...V128_LOAD, ...set(B0),
    ...get(BJ), ...get(PAIR_BYTES), ...ADD, ...V128_LOAD, ...set(B1),
    ...rows.flatMap((k) => [
      ...get(aj(k)), ...F64_LOAD, ...F64X2_SPLAT, ...set(X),
      ...pairs.flatMap((q) => [...get(sum(k, q)), ...get(X), ...get(q ? B1 : B0), ...F64X2_MUL, ...F64X2_ADD, ...set(sum(k, q))]),
    ]),
    ...rows.flatMap((k) => [...get(aj(k)), ...i32(8), ...ADD, ...set(aj(k))]),
    ...get(BJ), ...i32(16), ...ADD, ...set(BJ),
    ...get(J), ...i32(1), ...ADD, ...set(J),
  ];
  const store = rows.flatMap((k) => [
    // out + ((r + k)·stride + 2p)·4
    ...get(OUT), ...get(R), ...i32(k), ...ADD, ...get(STRIDE), ...MUL, ...get(P), ...i32(2), ...MUL, ...ADD, ...i32(4), ...MUL, ...ADD, ...set(O),
    ...pairs.flatMap((q) => [0, 1].flatMap((lane) => [...get(O), ...get(sum(k, q)), ...extractLane(lane), ...F32_DEMOTE_F64, ...f32Store(4 * (2 * q + lane))])),
  ]);
  const overPairs = [
    ...get(B), ...get(P), ...get(PAIR_BYTES), ...MUL, ...ADD, ...set(BPAIR),
    ...rows.flatMap((k) => pairs.flatMap((q) => [...V128_ZERO, ...set(sum(k, q))])),
    ...rows.flatMap((k) => [...get(AROW), ...(k ? [...get(ROW_BYTES), ...i32(k), ...MUL, ...ADD] : []), ...set(aj(k))]),
    ...get(BPAIR), ...set(BJ),
    ...i32(0), ...set(J),
    ...whileBelow(J, DIM, inner),
    ...store,
    ...get(P), ...i32(2), ...ADD, ...set(P),
  ];
  const overRows = [
    ...get(A), ...get(R), ...get(ROW_BYTES), ...MUL, ...ADD, ...set(AROW),
    ...i32(0), ...set(P),
    ...whileBelow(P, PAIRS, overPairs),
    ...get(R), ...i32(4), ...ADD, ...set(R),
  ];
  const body = [
    ...get(DIM), ...i32(8), ...MUL, ...set(ROW_BYTES),
    ...get(DIM), ...i32(16), ...MUL, ...set(PAIR_BYTES),
    ...i32(0), ...set(R),
    ...whileBelow(R, ROWS, overRows),
  ];
  return moduleBytes([{ name: "dots", params: new Array<number>(7).fill(I32), locals: [[13, I32], [11, V128]], body }]);
}

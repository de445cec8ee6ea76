import { dotsModule } from "./dots-wasm.js";
import { rowDots } from "./row-dots.js";

interface DotsExports {
  memory: WebAssembly.Memory;
  dots(a: number, rows: number, b: number, pairs: number, dim: number, out: number, stride: number): void;
}

/**
 * Dot products of query rows with a set of `count` item rows (`dim` wide): `dots(a, na, nb)` is
 * `rowDots(a, na, items, nb, dim)` bit for bit, computed by the WebAssembly SIMD kernel of dots-wasm.ts (about
 * 3.5 times faster) where the engine has one, else by rowDots. The items are copied into the kernel's memory
 * once: call `load` again after changing them.
 */
export class ItemDots {
  private items: Float32Array;
  private readonly kernel: DotsExports | null;
  /** Bytes of the items' region at the start of the kernel's memory: item pairs, four items to a block. */
  private readonly itemBytes: number;
  /** The items' region of the kernel's memory (renewed when the memory grows). */
  private view: Float64Array | null = null;

  constructor(
    items: Float32Array,
    readonly count: number,
    readonly dim: number,
  ) {
    const module = dotsModule();
    this.kernel = module && dim > 0 ? (new WebAssembly.Instance(module).exports as unknown as DotsExports) : null;
    this.itemBytes = Math.ceil(count / 4) * 2 * dim * 16;
    this.items = items;
    this.load(items);
  }

  /** Replaces the items (count × dim values). */
  load(items: Float32Array): void {
    this.items = items;
    if (!this.kernel) return;
    const { count, dim } = this;
    this.reserve(this.itemBytes);
    const b = new Float64Array(this.kernel.memory.buffer, 0, this.itemBytes / 8);
    b.fill(0);
    for (let i = 0; i < count; i++) {
      const base = (i >> 1) * dim * 2 + (i & 1);
      for (let j = 0; j < dim; j++) b[base + 2 * j] = items[i * dim + j];
    }
  }

  /** Replaces item i's row by values[from … from + dim) (the caller's copy of the items is that array's rows). */
  setItem(i: number, values: Float32Array, from: number): void {
    if (!this.kernel) return;
    const dim = this.dim;
    const buffer = this.kernel.memory.buffer;
    if (this.view?.buffer !== buffer) this.view = new Float64Array(buffer, 0, this.itemBytes / 8);
    const b = this.view;
    const base = (i >> 1) * dim * 2 + (i & 1);
    for (let j = 0; j < dim; j++) b[base + 2 * j] = values[from + j];
  }

  /** na × nb: row r, column i is a_r · item_i, for the first `na` rows of `a` and the first `nb` ≤ count items. */
  dots(a: Float32Array, na: number, nb: number): Float32Array {
    const { kernel, dim } = this;
    if (!kernel || na === 0 || nb === 0) return rowDots(a, na, this.items, nb, dim);
    const rows = Math.ceil(na / 4) * 4;
    const pairs = Math.ceil(nb / 4) * 2;
    const stride = 2 * pairs;
    const aAt = this.itemBytes;
    const outAt = aAt + rows * dim * 8;
    this.reserve(outAt + rows * stride * 4);
    const rowsIn = new Float64Array(kernel.memory.buffer, aAt, rows * dim);
    for (let j = 0; j < na * dim; j++) rowsIn[j] = a[j];
    rowsIn.fill(0, na * dim);
    kernel.dots(aAt, rows, 0, pairs, dim, outAt, stride);
    const computed = new Float32Array(kernel.memory.buffer, outAt, rows * stride);
    const out = new Float32Array(na * nb);
    if (stride === nb) out.set(computed.subarray(0, na * nb));
    else for (let r = 0; r < na; r++) out.set(computed.subarray(r * stride, r * stride + nb), r * nb);
    return out;
  }

  private reserve(bytes: number): void {
    const memory = this.kernel!.memory;
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  }
}

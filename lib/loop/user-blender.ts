import { topN } from "../metrics/ranking.js";
import { blendModule } from "./blend-wasm.js";
import { blendFloat32 } from "./blend.js";
import type { RoundScores } from "./score.js";

interface BlendExports {
  memory: WebAssembly.Memory;
  axpy(out: number, row: number, n: number, w: number): void;
  above(values: number, from: number, count: number, floor: number): number;
}

/**
 * Ranks the items for one user under many weightings of the components (the replay's policies): `load` takes the
 * user's normalised rows once, then each `top(weights, n)` is the n best items by
 *   base[i] + Σ_k weights[k]·Ŝ_k(user, i)
 * with exactly the float32 arithmetic of `blendFloat32` onto a copy of `base` (components in order, zero weights
 * skipped) and the order of `topN` (higher first, ties to the lower id, `exclude` left out). The blend, and the
 * top-n scan's search for values above its floor, run in the WebAssembly SIMD kernels of blend-wasm.ts (the blend
 * about five times the plain loop's speed), bit for bit the same, or in JavaScript where the engine has no SIMD.
 */
export class UserBlender {
  private readonly kernel: BlendExports | null;
  private scores: RoundScores | null = null;
  private user = 0;
  private base: Float32Array = new Float32Array(0);
  private blended = new Float32Array(0);
  /** Floats per region of the kernel's memory (the items, rounded up to a multiple of 4). */
  private stride = 0;

  /** `module`: the kernel (null: blend in JavaScript, as where the engine has no SIMD). */
  constructor(module: WebAssembly.Module | null = blendModule()) {
    this.kernel = module ? (new WebAssembly.Instance(module).exports as unknown as BlendExports) : null;
  }

  /** Takes user `a`'s rows of `scores` and the base row (its length is the number of items). */
  load(scores: RoundScores, a: number, base: Float32Array): void {
    this.scores = scores;
    this.user = a;
    this.base = base;
    const items = base.length;
    const kernel = this.kernel;
    if (!kernel) {
      if (this.blended.length < items) this.blended = new Float32Array(items);
      return;
    }
    // regions: the blend, the base, then one row per component
    const stride = (this.stride = Math.ceil(items / 4) * 4);
    const K = scores.rows.length;
    const bytes = (2 + K) * stride * 4;
    const missing = bytes - kernel.memory.buffer.byteLength;
    if (missing > 0) kernel.memory.grow(Math.ceil(missing / 65536));
    const memory = new Float32Array(kernel.memory.buffer, 0, (2 + K) * stride);
    memory.set(base, stride);
    for (let k = 0; k < K; k++) memory.set(scores.row(k, a), (2 + k) * stride);
  }

  /** The n best items under `weights` (one per component). */
  top(weights: ArrayLike<number>, n: number, exclude?: Set<number>): number[] {
    const blended = this.blend(weights);
    const kernel = this.kernel;
    if (!kernel) return topN(blended, n, exclude);
    const count = blended.length;
    return topN(blended, n, exclude, (from, floor) => kernel.above(0, from, count, floor));
  }

  /** base + Σ_k weights[k]·Ŝ_k(user) for every item: a view, valid until the next `blend`, `top` or `load`. */
  blend(weights: ArrayLike<number>): Float32Array {
    const scores = this.scores!;
    const items = this.base.length;
    const kernel = this.kernel;
    if (!kernel) {
      const blended = this.blended.subarray(0, items);
      blended.set(this.base);
      blendFloat32(blended, scores, this.user, weights);
      return blended;
    }
    const stride = this.stride;
    const memory = new Float32Array(kernel.memory.buffer, 0, 2 * stride);
    memory.copyWithin(0, stride, 2 * stride);
    for (let k = 0; k < scores.rows.length; k++) {
      if (weights[k] === 0) continue;
      kernel.axpy(0, (2 + k) * stride * 4, stride, weights[k]);
    }
    return memory.subarray(0, items);
  }
}

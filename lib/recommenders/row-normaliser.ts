import { normaliseRows, RankScratch, type Normalisation } from "./normalise.js";

/** A submitted normalisation. */
export interface PendingRows {
  /** Waits for the rows (the calling thread may help) and returns the rows × n normalised values. */
  result(): Float32Array;
}

/**
 * Runs `normaliseRows` for the loop, possibly beside it: the loop submits each component's scores as soon as they
 * are made and collects every result before blending. Each submit names a slot (the component's index); its
 * result is written to that slot's buffer and stays valid until the next submit to the same slot.
 * Results are exactly those of `normaliseRows`, whichever thread computes them.
 */
export interface RowNormaliser {
  /** `scores` (rows × n) may be changed or reused by the caller as soon as submit returns. */
  submit(scores: Float32Array, rows: number, n: number, kind: Normalisation, rankConstant: number, slot: number): PendingRows;
  dispose(): void;
}

/** Normalises on the calling thread, at submit. */
export class InThreadNormaliser implements RowNormaliser {
  private readonly buffers: Float32Array[] = [];
  private scratch = new RankScratch(0);

  submit(scores: Float32Array, rows: number, n: number, kind: Normalisation, rankConstant: number, slot: number): PendingRows {
    const out = slotBuffer(this.buffers, slot, rows * n);
    if (this.scratch.keys.length < n) this.scratch = new RankScratch(n);
    normaliseRows(scores, rows, n, kind, out, rankConstant, this.scratch);
    return { result: () => out };
  }

  dispose(): void {
    this.buffers.length = 0;
  }
}

/**
 * The first `size` values of slot `slot`'s buffer, grown (by at least a quarter, so a catalog that grows a few
 * items a round does not reallocate every round) when too small.
 */
export function slotBuffer(buffers: Float32Array[], slot: number, size: number): Float32Array {
  let buffer = buffers[slot];
  if (!buffer || buffer.length < size) buffer = buffers[slot] = new Float32Array(Math.max(size, Math.ceil((buffer?.length ?? 0) * 1.25)));
  return buffer.subarray(0, size);
}

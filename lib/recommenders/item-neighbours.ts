import { BestList } from "./best-list.js";

/** An item's nearest neighbours, best first. */
export interface NeighbourList {
  ids: Int32Array;
  sims: Float32Array;
  length: number;
}

/** One item's candidate neighbours and their co-counts, in no particular order (typed arrays grown by doubling). */
interface Candidates {
  ids: Int32Array;
  counts: Float64Array;
  size: number;
}

/**
 * Sparse item–item similarity, updated one co-occurrence at a time: sim(i → j) = C_ij / (N_i^a·N_j^(1−a) + shrinkage),
 * where C_ij sums w_i·w_j over co-occurring positives and N_i sums w_i²; with a = ½ and no shrinkage it is the
 * cosine of the items' user vectors. Each item keeps at most 2M candidate co-counts; past that the least similar
 * are dropped down to M (so memory is O(items × M), never items²). Its neighbour list is the top M candidates by
 * (similarity, then lower id), rebuilt lazily when the item's own counts change (a neighbour's N_j moving alone
 * does not trigger a rebuild).
 */
export class ItemNeighbours {
  private readonly co: (Candidates | undefined)[];
  private readonly norm: Float64Array;
  /** √N_i^(2a) and √N_i^(2 − 2a), kept with N_i: Math.pow per candidate was most of a rebuild's time. */
  private readonly ownScale: Float64Array;
  private readonly otherScale: Float64Array;
  /** Scratch of `rank`: the best candidates so far, best first. */
  private readonly best: BestList;
  private readonly lists: (NeighbourList | undefined)[];
  private readonly dirty: Uint8Array;

  constructor(
    items: number,
    readonly m: number,
    readonly shrinkage = 0,
    readonly asymmetry = 0.5,
  ) {
    this.co = new Array(items);
    this.lists = new Array(items);
    this.norm = new Float64Array(items);
    this.ownScale = new Float64Array(items);
    this.otherScale = new Float64Array(items);
    this.dirty = new Uint8Array(items);
    this.best = new BestList(m);
  }

  /** Counts one positive of weight w (N_i += w²). */
  addPositive(item: number, w: number): void {
    this.norm[item] += w * w;
    const root = Math.sqrt(this.norm[item]);
    this.ownScale[item] = root ** (2 * this.asymmetry);
    this.otherScale[item] = root ** (2 - 2 * this.asymmetry);
    this.dirty[item] = 1;
  }

  /** Counts a co-occurrence of i and j (C_ij += w, both directions). */
  addPair(i: number, j: number, w: number): void {
    if (i === j) return;
    this.bump(i, j, w);
    this.bump(j, i, w);
  }

  /** How similar j is to i, as seen from i (symmetric when asymmetry is ½). */
  similarity(i: number, j: number): number {
    const c = this.co[i];
    const at = c ? c.ids.subarray(0, c.size).indexOf(j) : -1;
    return at < 0 ? 0 : this.similarityOf(i, j, c!.counts[at]);
  }

  /** The item's top-M neighbours by similarity (≤ M entries). */
  neighbours(item: number): NeighbourList {
    if (this.dirty[item] || !this.lists[item]) {
      this.lists[item] = this.rank(item);
      this.dirty[item] = 0;
    }
    return this.lists[item]!;
  }

  /** Number of stored co-counts (for diagnostics). */
  size(): number {
    let n = 0;
    for (const c of this.co) n += c?.size ?? 0;
    return n;
  }

  private similarityOf(i: number, j: number, c: number): number {
    if (c <= 0) return 0;
    const scale = this.asymmetry === 0.5 ? Math.sqrt(this.norm[i] * this.norm[j]) : this.ownScale[i] * this.otherScale[j];
    return c / (scale + this.shrinkage);
  }

  private bump(i: number, j: number, w: number): void {
    let c = this.co[i];
    if (!c) this.co[i] = c = { ids: new Int32Array(4), counts: new Float64Array(4), size: 0 };
    this.dirty[i] = 1;
    const { ids, size } = c;
    for (let k = 0; k < size; k++) {
      if (ids[k] === j) {
        c.counts[k] += w;
        return;
      }
    }
    if (size === ids.length) {
      const grown = Math.min(2 * size, 2 * this.m + 1);
      const moreIds = new Int32Array(grown);
      const moreCounts = new Float64Array(grown);
      moreIds.set(ids);
      moreCounts.set(c.counts);
      c.ids = moreIds;
      c.counts = moreCounts;
    }
    c.ids[size] = j;
    c.counts[size] = 0 + w;
    c.size = size + 1;
    if (c.size > 2 * this.m) {
      // keep the top M, in their ranked order
      const keep = this.rank(i);
      const counts = new Float64Array(keep.length);
      for (let k = 0; k < keep.length; k++) counts[k] = c.counts[c.ids.subarray(0, c.size).indexOf(keep.ids[k])];
      c.ids.set(keep.ids);
      c.counts.set(counts);
      c.size = keep.length;
    }
  }

  /** The item's M best candidates, by similarity descending, then id ascending. */
  private rank(item: number): NeighbourList {
    const c = this.co[item];
    const best = this.best;
    best.length = 0;
    if (c) for (let k = 0; k < c.size; k++) best.keep(c.ids[k], this.similarityOf(item, c.ids[k], c.counts[k]));
    const length = best.length;
    return { ids: best.ids.slice(0, length), sims: Float32Array.from(best.sims.subarray(0, length)), length };
  }
}

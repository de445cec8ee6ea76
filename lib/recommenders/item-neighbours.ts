/** An item's nearest neighbours, best first. */
export interface NeighbourList {
  ids: Int32Array;
  sims: Float32Array;
  length: number;
}

/**
 * Sparse item–item similarity, updated one co-occurrence at a time: sim(i → j) = C_ij / (N_i^a·N_j^(1−a) + shrinkage),
 * where C_ij sums w_i·w_j over co-occurring positives and N_i sums w_i²; with a = ½ and no shrinkage it is the
 * cosine of the items' user vectors. Each item keeps at most 2M candidate co-counts; past that the least similar
 * are dropped down to M (so memory is O(items × M), never items²). Its neighbour list is the top M candidates,
 * rebuilt lazily when the item's own counts change (a neighbour's N_j moving alone does not trigger a rebuild).
 */
export class ItemNeighbours {
  private readonly co: (Map<number, number> | undefined)[];
  private readonly norm: Float64Array;
  private readonly lists: (NeighbourList | undefined)[];
  private readonly dirty = new Set<number>();

  constructor(
    items: number,
    readonly m: number,
    readonly shrinkage = 0,
    readonly asymmetry = 0.5,
  ) {
    this.co = new Array(items);
    this.lists = new Array(items);
    this.norm = new Float64Array(items);
  }

  /** Counts one positive of weight w (N_i += w²). */
  addPositive(item: number, w: number): void {
    this.norm[item] += w * w;
    this.dirty.add(item);
  }

  /** Counts a co-occurrence of i and j (C_ij += w, both directions). */
  addPair(i: number, j: number, w: number): void {
    if (i === j) return;
    this.bump(i, j, w);
    this.bump(j, i, w);
  }

  /** How similar j is to i, as seen from i (symmetric when asymmetry is ½). */
  similarity(i: number, j: number): number {
    const c = this.co[i]?.get(j) ?? 0;
    if (c <= 0) return 0;
    const a = this.asymmetry;
    const scale = a === 0.5 ? Math.sqrt(this.norm[i] * this.norm[j]) : Math.sqrt(this.norm[i]) ** (2 * a) * Math.sqrt(this.norm[j]) ** (2 - 2 * a);
    return c / (scale + this.shrinkage);
  }

  /** The item's top-M neighbours by similarity (≤ M entries). */
  neighbours(item: number): NeighbourList {
    if (this.dirty.has(item) || !this.lists[item]) {
      this.lists[item] = this.rank(item, this.m);
      this.dirty.delete(item);
    }
    return this.lists[item]!;
  }

  /** Number of stored co-counts (for diagnostics). */
  size(): number {
    let n = 0;
    for (const map of this.co) n += map?.size ?? 0;
    return n;
  }

  private bump(i: number, j: number, w: number): void {
    let map = this.co[i];
    if (!map) this.co[i] = map = new Map();
    map.set(j, (map.get(j) ?? 0) + w);
    this.dirty.add(i);
    if (map.size > 2 * this.m) {
      const keep = this.rank(i, this.m);
      const kept = new Map<number, number>();
      for (let k = 0; k < keep.length; k++) kept.set(keep.ids[k], map.get(keep.ids[k])!);
      this.co[i] = kept;
    }
  }

  private rank(item: number, m: number): NeighbourList {
    const map = this.co[item];
    const entries: [number, number][] = [];
    if (map) for (const j of map.keys()) entries.push([j, this.similarity(item, j)]);
    entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const length = Math.min(m, entries.length);
    const ids = new Int32Array(length);
    const sims = new Float32Array(length);
    for (let k = 0; k < length; k++) {
      ids[k] = entries[k][0];
      sims[k] = entries[k][1];
    }
    return { ids, sims, length };
  }
}

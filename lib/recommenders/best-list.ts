/**
 * The best (id, similarity) pairs seen so far, at most ids.length of them, kept sorted by similarity descending,
 * then id ascending: the neighbour lists of user-cf and item-cf. A pair no better than the last of a full list is
 * not inserted, so the order in which pairs arrive never shows.
 */
export class BestList {
  readonly ids: Int32Array;
  readonly sims: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.sims = new Float64Array(capacity);
  }

  /** Inserts (id, sim) in its place, dropping the last entry of a full list. */
  keep(id: number, sim: number): void {
    const { ids, sims } = this;
    const n = ids.length;
    if (this.length === n && (sims[n - 1] > sim || (sims[n - 1] === sim && ids[n - 1] < id))) return;
    let p = this.length < n ? this.length++ : n - 1;
    while (p > 0 && (sims[p - 1] < sim || (sims[p - 1] === sim && ids[p - 1] > id))) {
      ids[p] = ids[p - 1];
      sims[p] = sims[p - 1];
      p--;
    }
    ids[p] = id;
    sims[p] = sim;
  }
}

import type { Impression } from "./recommender.js";

/** One positive interaction: the item, the round it happened, and its strength (click and purchase weights). */
export interface Positive {
  item: number;
  round: number;
  strength: number;
}

/** Strength of an impression as a positive: 0 for a skip. */
export function positiveStrength(e: Impression, clickWeight: number, purchaseWeight: number): number {
  return (e.clicked ? clickWeight : 0) + (e.purchased ? purchaseWeight : 0);
}

/**
 * Ages whose decay factor is tabled (4 MB; a replay's rounds run to ~10⁵ on ml-latest-small, ~5·10⁵ on ml-1m);
 * older ones are computed, with the same values.
 */
const POWERS = 1 << 19;

/**
 * Each user's most recent positives, oldest first: at most `capacity` of them, none older than `window`
 * rounds, an item at most once (a repeat replaces the older entry), each weighing strength × decay^age.
 * Mutating calls return what they dropped, so callers can keep indexes in step.
 */
export class RecentPositives {
  private readonly lists = new Map<number, Positive[]>();
  private readonly powers: Float64Array;
  /** No positive is older than this round (a bound: repeats and drops may leave it low). */
  private earliest = Infinity;

  constructor(
    readonly capacity: number,
    readonly window: number,
    readonly decay: number,
  ) {
    this.powers = Float64Array.from({ length: Math.min(window, POWERS) + 1 }, (_, age) => decay ** age);
  }

  of(user: number): readonly Positive[] {
    return this.lists.get(user) ?? [];
  }

  /**
   * Drops every user's positives that are `window` or more rounds older than `round`, calling `dropped` for each
   * user that lost some. Looks at the users only when some positive may be that old.
   */
  expireAll(round: number, dropped: (user: number, positives: Positive[]) => void): void {
    if (round - this.earliest < this.window) return;
    let earliest = Infinity;
    for (const [user, list] of this.lists) {
      const gone = this.expire(user, round);
      if (gone.length > 0) dropped(user, gone);
      if (list.length > 0) earliest = Math.min(earliest, list[0].round);
    }
    this.earliest = earliest;
  }

  add(user: number, positive: Positive): Positive[] {
    let list = this.lists.get(user);
    if (!list) this.lists.set(user, (list = []));
    const dropped: Positive[] = [];
    this.earliest = Math.min(this.earliest, positive.round);
    const repeat = list.findIndex((p) => p.item === positive.item);
    if (repeat >= 0) dropped.push(...list.splice(repeat, 1));
    list.push(positive);
    if (list.length > this.capacity) dropped.push(...list.splice(0, list.length - this.capacity));
    return dropped;
  }

  /** Drops the user's positives that are `window` or more rounds older than `round`. */
  expire(user: number, round: number): Positive[] {
    const list = this.lists.get(user);
    if (!list) return [];
    let n = 0;
    while (n < list.length && round - list[n].round >= this.window) n++;
    return n > 0 ? list.splice(0, n) : [];
  }

  /** Recency weight of a positive at `round`: strength × decay^age. */
  weight(p: Positive, round: number): number {
    return this.weightAt(p.strength, p.round, round);
  }

  /** The weight at `round` of a positive of `strength` made at round `made`. */
  weightAt(strength: number, made: number, round: number): number {
    const age = round - made;
    return strength * (age < this.powers.length ? this.powers[age] : this.decay ** age);
  }
}

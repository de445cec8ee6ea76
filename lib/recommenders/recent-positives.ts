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

/** Ages whose decay factor is tabled (the replay's rounds run to ~10⁵; older ones are computed). */
const POWERS = 1 << 17;

/**
 * Each user's most recent positives, oldest first: at most `capacity` of them, none older than `window`
 * rounds, an item at most once (a repeat replaces the older entry), each weighing strength × decay^age.
 * Mutating calls return what they dropped, so callers can keep indexes in step.
 */
export class RecentPositives {
  private readonly lists = new Map<number, Positive[]>();
  private readonly powers: Float64Array;

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

  users(): IterableIterator<number> {
    return this.lists.keys();
  }

  add(user: number, positive: Positive): Positive[] {
    let list = this.lists.get(user);
    if (!list) this.lists.set(user, (list = []));
    const dropped: Positive[] = [];
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

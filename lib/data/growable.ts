type TypedArray = Int32Array | Float32Array | Float64Array;
type Ctor<T extends TypedArray> = { new (n: number): T };

/** A typed array that doubles as it grows, for tables of unknown length read line by line. */
export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(private readonly ctor: Ctor<T>, capacity = 1024) {
    this.data = new ctor(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }

  /** A trimmed copy. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** A 64-bit streaming hash (two independent 32-bit FNV-1a lanes) over strings and numbers. */
export class Hasher {
  private a = 0x811c9dc5;
  private b = 0x01000193 ^ 0x5bd1e995;
  private readonly view = new DataView(new ArrayBuffer(8));

  byte(x: number): this {
    this.a = Math.imul(this.a ^ (x & 0xff), 0x01000193) >>> 0;
    this.b = Math.imul(this.b ^ (x & 0xff), 0x5bd1e995) >>> 0;
    this.b ^= this.b >>> 15;
    return this;
  }

  string(s: string): this {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.byte(c).byte(c >>> 8);
    }
    return this.byte(0xff);
  }

  number(x: number): this {
    this.view.setFloat64(0, x);
    for (let i = 0; i < 8; i++) this.byte(this.view.getUint8(i));
    return this;
  }

  numbers(xs: ArrayLike<number>): this {
    for (let i = 0; i < xs.length; i++) this.number(xs[i]);
    return this;
  }

  /**
   * The state as text. The second lane may print with a minus sign; it is kept so because the hashing encoder's
   * n-gram seeds (and so every stored embedding) are made from it. New uses take `hex64()`.
   */
  hex(): string {
    return this.a.toString(16).padStart(8, "0") + this.b.toString(16).padStart(8, "0");
  }

  /** The 64-bit state as 16 lowercase hex digits. */
  hex64(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0");
  }

  /** A 32-bit unsigned integer digest. */
  uint32(): number {
    return (this.a ^ Math.imul(this.b, 0x9e3779b1)) >>> 0;
  }
}

export function hashString(s: string): string {
  return new Hasher().string(s).hex();
}

/** Turns text into vectors. Implementations are deterministic: the same text always gives the same vector. */
export interface Encoder {
  /** e.g. "hashing", "lm", "minilm": part of the embedding cache key. */
  readonly kind: string;
  /** Identifies the model and its settings (cache key). */
  readonly model: string;
  readonly dim: number;
  /** texts.length × dim, each row L2-normalised (zero for empty text). */
  encode(texts: string[]): Promise<Float32Array>;
  dispose(): void;
}

/** An encoder cheap enough to call synchronously inside a simulation step (a lookup table, not a network). */
export interface SyncEncoder extends Encoder {
  encodeSync(texts: string[]): Float32Array;
}

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

export function l2normalise(v: Float32Array, dim: number): Float32Array {
  for (let r = 0; r < v.length / dim; r++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += v[r * dim + j] ** 2;
    const norm = Math.sqrt(s);
    if (norm > 0) for (let j = 0; j < dim; j++) v[r * dim + j] /= norm;
  }
  return v;
}

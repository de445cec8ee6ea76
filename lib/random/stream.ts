import seedrandom from "seedrandom";

type AleaState = object;
interface StatefulPrng {
  (): number;
  state(): AleaState;
}

/**
 * A seeded random stream. Streams are forked by label (`fork("world/drift")`), so each part of a
 * simulation draws from its own sequence and adding draws in one part never shifts another.
 * The state can be saved and restored, so a run can be checkpointed and resumed exactly.
 */
export class Stream {
  readonly seed: string;
  private readonly prng: StatefulPrng;

  constructor(seed: string | number, state?: AleaState) {
    this.seed = String(seed);
    const options = { state: (state ?? true) as never };
    this.prng = seedrandom.alea(this.seed, options) as unknown as StatefulPrng;
  }

  /** An independent stream whose sequence depends only on this stream's seed and the label. */
  fork(label: string): Stream {
    return new Stream(`${this.seed}/${label}`);
  }

  state(): AleaState {
    return this.prng.state();
  }

  static restore(seed: string | number, state: AleaState): Stream {
    return new Stream(seed, state);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }

  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.prng();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  bernoulli(p: number): boolean {
    return this.prng() < p;
  }

  /** Box–Muller; always consumes two uniforms so the draw count per call is fixed. */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.prng();
    const v = this.prng();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  exponential(rate: number): number {
    return -Math.log(1 - this.prng()) / rate;
  }

  logNormal(mu = 0, sigma = 1): number {
    return Math.exp(this.normal(mu, sigma));
  }

  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.prng();
    while (p > limit) {
      k++;
      p *= this.prng();
    }
    return k;
  }

  /** Marsaglia–Tsang. */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.prng(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.prng();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  dirichlet(alpha: ArrayLike<number>): Float64Array {
    const out = new Float64Array(alpha.length);
    let sum = 0;
    for (let i = 0; i < alpha.length; i++) sum += out[i] = this.gamma(alpha[i]);
    for (let i = 0; i < out.length; i++) out[i] /= sum;
    return out;
  }

  /** Index drawn with probability proportional to non-negative weights. */
  categorical(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    let x = this.prng() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [array[i], array[j]] = [array[j], array[i]];
    }
    return array;
  }

  /** k distinct integers from [0, n), in draw order. */
  sample(n: number, k: number): number[] {
    if (k > n) throw new RangeError(`cannot sample ${k} of ${n}`);
    const picked = new Map<number, number>();
    const out: number[] = [];
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const vj = picked.get(j) ?? j;
      picked.set(j, picked.get(i) ?? i);
      out.push(vj);
    }
    return out;
  }
}

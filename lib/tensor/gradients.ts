import * as tf from "@tensorflow/tfjs-core";

type Saved = tf.Tensor[];
type GradFunc = (dy: tf.Tensor, saved: Saved, attrs: tf.NamedAttrMap) => Record<string, () => tf.Tensor>;

/** Sums dy over the axes along which `shape` was broadcast, back to `shape`. */
function unbroadcast(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(dy, axes) : dy, shape);
}

/** Transposed last two axes. Explicit, because WASM's matMul with transposeA/B is several times slower than transpose + matMul. */
function swapLastAxes(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, axis) => axis);
  [perm[x.rank - 2], perm[x.rank - 1]] = [perm[x.rank - 1], perm[x.rank - 2]];
  return tf.transpose(x, perm);
}

function reductionAxes(attrs: tf.NamedAttrMap, key: string, shape: number[]): number[] {
  return tf.util.parseAxisParam(attrs[key] as number | number[], shape);
}

/** dy of a reduction over `axes`, broadcast back to x's shape. */
function expandReduced(dy: tf.Tensor, x: tf.Tensor, axes: number[]): tf.Tensor {
  const kept = x.shape.map((n, axis) => (axes.includes(axis) ? 1 : n));
  return tf.broadcastTo(tf.reshape(dy, kept), x.shape);
}

const GRADIENTS: { kernel: string; inputs?: string[]; output?: boolean; grad: GradFunc }[] = [
  { kernel: tf.Add, inputs: ["a", "b"], grad: (dy, [a, b]) => ({ a: () => unbroadcast(dy, a.shape), b: () => unbroadcast(dy, b.shape) }) },
  {
    kernel: tf.Sub,
    inputs: ["a", "b"],
    grad: (dy, [a, b]) => ({ a: () => unbroadcast(dy, a.shape), b: () => tf.neg(unbroadcast(dy, b.shape)) }),
  },
  {
    kernel: tf.Multiply,
    inputs: ["a", "b"],
    grad: (dy, [a, b]) => ({ a: () => unbroadcast(tf.mul(dy, b), a.shape), b: () => unbroadcast(tf.mul(dy, a), b.shape) }),
  },
  {
    kernel: tf.RealDiv,
    inputs: ["a", "b"],
    grad: (dy, [a, b]) => ({
      a: () => unbroadcast(tf.div(dy, b), a.shape),
      b: () => unbroadcast(tf.neg(tf.div(tf.mul(dy, a), tf.square(b))), b.shape),
    }),
  },
  { kernel: tf.Neg, grad: (dy) => ({ x: () => tf.neg(dy) }) },
  { kernel: tf.Square, inputs: ["x"], grad: (dy, [x]) => ({ x: () => tf.mul(dy, tf.mul(x, 2)) }) },
  { kernel: tf.Exp, output: true, grad: (dy, [y]) => ({ x: () => tf.mul(dy, y) }) },
  { kernel: tf.Log, inputs: ["x"], grad: (dy, [x]) => ({ x: () => tf.div(dy, x) }) },
  { kernel: tf.Sigmoid, output: true, grad: (dy, [y]) => ({ x: () => tf.mul(dy, tf.mul(y, tf.sub(1, y))) }) },
  { kernel: tf.Tanh, output: true, grad: (dy, [y]) => ({ x: () => tf.mul(dy, tf.sub(1, tf.square(y))) }) },
  { kernel: tf.Softplus, inputs: ["x"], grad: (dy, [x]) => ({ x: () => tf.mul(dy, tf.sigmoid(x)) }) },
  { kernel: tf.Reshape, inputs: ["x"], grad: (dy, [x]) => ({ x: () => tf.reshape(dy, x.shape) }) },
  { kernel: tf.ExpandDims, inputs: ["input"], grad: (dy, [x]) => ({ input: () => tf.reshape(dy, x.shape) }) },
  { kernel: tf.Cast, grad: (dy) => ({ x: () => tf.clone(dy) }) },
  { kernel: tf.Sum, inputs: ["x"], grad: (dy, [x], attrs) => ({ x: () => expandReduced(dy, x, reductionAxes(attrs, "axis", x.shape)) }) },
  {
    kernel: tf.Mean,
    inputs: ["x"],
    grad: (dy, [x], attrs) => {
      const axes = reductionAxes(attrs, "axis", x.shape);
      const count = axes.reduce((n, axis) => n * x.shape[axis], 1);
      return { x: () => tf.div(expandReduced(dy, x, axes), count) };
    },
  },
  { kernel: tf.SplitV, grad: (dy, _saved, attrs) => ({ x: () => tf.concat(dy as unknown as tf.Tensor[], attrs.axis as number) }) },
  {
    kernel: tf.Max,
    inputs: ["x"],
    output: true,
    grad: (dy, [x, y], attrs) => {
      const axes = reductionAxes(attrs, "reductionIndices", x.shape);
      const kept = x.shape.map((n, axis) => (axes.includes(axis) ? 1 : n));
      return { x: () => tf.mul(tf.reshape(dy, kept), tf.cast(tf.equal(x, tf.reshape(y, kept)), "float32")) };
    },
  },
  {
    kernel: tf.BatchMatMul,
    inputs: ["a", "b"],
    grad: (dy, [a, b], attrs) => {
      const ta = attrs.transposeA as boolean;
      const tb = attrs.transposeB as boolean;
      const mm = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y);
      const T = swapLastAxes;
      if (!ta && !tb) return { a: () => mm(dy, T(b)), b: () => mm(T(a), dy) };
      if (!ta && tb) return { a: () => mm(dy, b), b: () => mm(T(dy), a) };
      if (ta && !tb) return { a: () => mm(b, T(dy)), b: () => mm(a, dy) };
      return { a: () => mm(T(b), T(dy)), b: () => mm(T(dy), T(a)) };
    },
  },
];

/**
 * Registers the gradients the lab's models need. tfjs-core's Node bundle ships no gradient functions (the union
 * package `@tensorflow/tfjs` adds them), so tf.grads and optimizer.minimize fail with tfjs-core alone; kernels
 * that already have a gradient are left alone. Idempotent.
 */
export function registerGradients(): void {
  for (const { kernel, inputs, output, grad } of GRADIENTS) {
    if (tf.getGradient(kernel)) continue;
    tf.registerGradient({
      kernelName: kernel,
      inputsToSave: inputs,
      outputsToSave: output ? [true] : undefined,
      gradFunc: grad as tf.GradConfig["gradFunc"],
    });
  }
}

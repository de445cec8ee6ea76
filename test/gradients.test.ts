import "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { registerGradients } from "../lib/tensor/gradients.js";
import { createGruWeights, GRU_KEYS, gru, type GruWeights } from "../lib/tensor/gru.js";

registerGradients();

const stream = new Stream("gradients");
const random = (shape: number[], low = -1, high = 1) => tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => stream.uniform(low, high)), shape);

/** Central differences of f at xs, one coordinate at a time (float64 copies, float32 evaluation). */
function numericGrads(f: (...xs: tf.Tensor[]) => tf.Scalar, xs: tf.Tensor[], eps = 1e-2): Float64Array[] {
  return xs.map((x, k) => {
    const base = Float64Array.from(x.dataSync());
    const out = new Float64Array(base.length);
    for (let j = 0; j < base.length; j++) {
      const at = (delta: number) =>
        tf.tidy(() => {
          const moved = base.slice();
          moved[j] += delta;
          const args = xs.slice();
          args[k] = tf.tensor(Array.from(moved), x.shape);
          return f(...args).dataSync()[0];
        });
      out[j] = (at(eps) - at(-eps)) / (2 * eps);
    }
    return out;
  });
}

function expectGradients(f: (...xs: tf.Tensor[]) => tf.Scalar, xs: tf.Tensor[]): void {
  const before = tf.memory().numTensors;
  const analytic = tf.tidy(() => tf.grads(f)(xs)).map((g) => {
    const v = Array.from(g.dataSync());
    g.dispose();
    return v;
  });
  const numeric = numericGrads(f, xs);
  analytic.forEach((g, k) => {
    expect(g).toHaveLength(numeric[k].length);
    g.forEach((v, j) => expect(Math.abs(v - numeric[k][j]), `input ${k}[${j}]: ${v} vs ${numeric[k][j]}`).toBeLessThan(2e-3 + 2e-3 * Math.abs(v)));
  });
  expect(tf.memory().numTensors).toBe(before);
}

describe("registered gradients match central differences", () => {
  it("add, sub, mul and div with broadcasting", () => {
    expectGradients((a, b) => tf.sum(tf.div(tf.mul(tf.add(a, b), tf.sub(a, b)), tf.add(tf.square(b), 1))), [random([2, 3]), random([3])]);
  });

  it("neg, square, exp, log, sigmoid, tanh, softplus", () => {
    expectGradients(
      (x) =>
        tf.sum(
          tf.add(
            tf.add(tf.sigmoid(x), tf.tanh(tf.mul(x, 2))),
            tf.add(tf.softplus(x), tf.add(tf.mul(tf.exp(x), 0.3), tf.sub(tf.log(tf.add(tf.square(x), 1)), tf.neg(x)))),
          ),
        ),
      [random([2, 4])],
    );
  });

  it("sum, mean, max (through logSumExp), reshape, expandDims and cast", () => {
    const w = tf.tensor1d([1, -2, 3]);
    expectGradients(
      (x) =>
        tf.add(
          tf.add(tf.mean(tf.sum(x, 1)), tf.sum(tf.mul(tf.mean(x, 0), w))),
          tf.add(tf.sum(tf.logSumExp(tf.reshape(x, [3, 2]), 1)), tf.sum(tf.cast(tf.expandDims(tf.max(x, 0), 1), "float32"))),
        ),
      // fixed values: a max is not differentiable where two entries tie, and random ones may sit within eps of a tie
      [tf.tensor2d([[0.1, -0.5, 0.7], [0.3, 0.2, -0.9]])],
    );
    w.dispose();
  });

  it("matMul with every transpose combination, 2-D and batched", () => {
    for (const [ta, tb] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ]) {
      const a = random(ta ? [3, 2] : [2, 3]);
      const b = random(tb ? [4, 3] : [3, 4]);
      expectGradients((x, y) => tf.sum(tf.square(tf.matMul(x, y, ta, tb))), [a, b]);
      tf.dispose([a, b]);
    }
    expectGradients((x, y) => tf.sum(tf.square(tf.matMul(x, y))), [random([2, 2, 3]), random([2, 3, 2])]);
  });

  it("split, and a GRU over three steps with respect to its weights", () => {
    expectGradients((x) => {
      const [a, b, c] = tf.split(x, 3, 1);
      return tf.sum(tf.mul(tf.mul(a, b), tf.add(c, 1)));
    }, [random([2, 6])]);
    const cell = createGruWeights(3, 2, new Stream("gru-test"));
    const inputs = random([3 * 4, 3]);
    const weights = GRU_KEYS.map((k) => cell[k]);
    expectGradients((...args) => {
      const w = Object.fromEntries(GRU_KEYS.map((k, j) => [k, args[j]])) as unknown as GruWeights;
      return tf.sum(tf.square(tf.sub(gru(inputs as tf.Tensor2D, 3, w), 0.3)));
    }, weights);
    tf.dispose([...weights, inputs]);
  });
});

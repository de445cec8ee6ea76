import { choice, defaults, number, section, type ValueOf } from "../config/fields.js";

/** How raw weights w become blend weights π on the simplex (`policy.simplex.*`). */
export const SIMPLEX_SCHEMA = section({
  kind: choice(["softmax", "floor"], "softmax", "softmax: π ∝ exp(w / τ); floor: π ∝ max(w, ε) (keeps every component explored)."),
  temperature: number(0.05, [1e-6, 1e6], "Softmax temperature τ: π ∝ exp(w / τ)."),
  floor: number(0.02, [1e-9, 1], "Floor ε: π ∝ max(w, ε) (keeps every component explored)."),
  maxStep: number(0, [0, 1], "Largest |Δπ| of any component per step; 0 for no cap."),
});

export type SimplexOptions = ValueOf<typeof SIMPLEX_SCHEMA>;

export const DEFAULT_SIMPLEX: SimplexOptions = defaults(SIMPLEX_SCHEMA);

export function toSimplex(w: ArrayLike<number>, o: SimplexOptions): Float64Array {
  const n = w.length;
  const pi = new Float64Array(n);
  if (o.kind === "softmax") {
    let max = -Infinity;
    for (let k = 0; k < n; k++) max = Math.max(max, w[k] / o.temperature);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += pi[k] = Math.exp(w[k] / o.temperature - max);
    for (let k = 0; k < n; k++) pi[k] /= sum;
  } else {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += pi[k] = Math.max(w[k], o.floor);
    for (let k = 0; k < n; k++) pi[k] /= sum;
  }
  return pi;
}

/** Moves from π toward a target by the largest convex step whose |Δπ_k| stays within the cap (stays on the simplex). */
export function capStep(previous: ArrayLike<number>, target: Float64Array, maxStep: number): Float64Array {
  if (!(maxStep > 0)) return target;
  let largest = 0;
  for (let k = 0; k < target.length; k++) largest = Math.max(largest, Math.abs(target[k] - previous[k]));
  if (largest <= maxStep) return target;
  const s = maxStep / largest;
  return target.map((v, k) => previous[k] + s * (v - previous[k]));
}

export function uniform(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}

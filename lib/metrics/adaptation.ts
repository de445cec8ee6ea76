/**
 * How long the blend weights take to adapt after a shift: the rounds until they have made `level` (90 %) of the
 * move the shift causes. π_pre is the mean over the `window` rounds before the shift, π_post the mean over the
 * `window` rounds starting `settle` rounds after it (or the last `window` rounds, if the run ends sooner); the
 * share of the move made by round t is 1 − |π̄_t − π_post|₁ / |π_pre − π_post|₁, with π̄_t the mean of the last
 * `smooth` rounds. Null when the weights barely move (|π_pre − π_post|₁ < minMove): then there is nothing to adapt.
 * This complements the CTR recovery time, which is 0 whenever CTR does not dip at the shift.
 */
export function adaptationTime(trajectory: ArrayLike<number>[], shift: number, window = 10, settle = 30, smooth = 5, level = 0.9, minMove = 0.05): number | null {
  if (shift < 1 || shift >= trajectory.length) return null;
  const K = trajectory[0].length;
  const mean = (from: number, to: number) => {
    const m = new Float64Array(K);
    const a = Math.max(0, from);
    const b = Math.min(trajectory.length, to);
    for (let t = a; t < b; t++) for (let k = 0; k < K; k++) m[k] += trajectory[t][k] / (b - a);
    return m;
  };
  const distance = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.abs(x[k] - y[k]);
    return s;
  };
  const pre = mean(shift - window, shift);
  const start = Math.min(shift + settle, trajectory.length - window);
  const post = mean(start, start + window);
  const move = distance(pre, post);
  if (!(move >= minMove)) return null;
  for (let t = shift; t < trajectory.length; t++) {
    if (1 - distance(mean(t - smooth + 1, t + 1), post) / move >= level) return t - shift;
  }
  return trajectory.length - shift;
}

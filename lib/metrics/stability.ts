/**
 * Stability of a weight trajectory π_t (one row per round).
 * volatility: Σ_t Σ_k |π_{t,k} − π_{t−1,k}|.
 * oscillation: number of sign changes of Δπ_k, summed over components (zero steps are skipped).
 * collapse: rounds in which one component holds more than `threshold` of the weight.
 * recovery: rounds after a shift until a metric is back to `level` of its mean over the `window` rounds before
 *   the shift: the first s ≥ shift whose `smooth` rounds s … s + smooth − 1 average at least that much, minus the
 *   shift round (0 when the metric never dropped; Infinity if it never recovers; NaN without rounds on both sides).
 */
export function stepVolatility(previous: ArrayLike<number>, current: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < current.length; k++) s += Math.abs(current[k] - previous[k]);
  return s;
}

export function volatility(trajectory: ArrayLike<number>[]): number {
  let s = 0;
  for (let t = 1; t < trajectory.length; t++) s += stepVolatility(trajectory[t - 1], trajectory[t]);
  return s;
}

export function oscillation(trajectory: ArrayLike<number>[], tolerance = 1e-12): number {
  if (trajectory.length < 3) return 0;
  let changes = 0;
  for (let k = 0; k < trajectory[0].length; k++) {
    let lastSign = 0;
    for (let t = 1; t < trajectory.length; t++) {
      const d = trajectory[t][k] - trajectory[t - 1][k];
      const sign = d > tolerance ? 1 : d < -tolerance ? -1 : 0;
      if (sign === 0) continue;
      if (lastSign !== 0 && sign !== lastSign) changes++;
      lastSign = sign;
    }
  }
  return changes;
}

export function collapse(trajectory: ArrayLike<number>[], threshold = 0.95): number {
  let rounds = 0;
  for (const pi of trajectory) {
    for (let k = 0; k < pi.length; k++) {
      if (pi[k] > threshold) {
        rounds++;
        break;
      }
    }
  }
  return rounds;
}

export function recoveryTime(series: ArrayLike<number>, shiftRound: number, window = 10, level = 0.9, smooth = 5): number {
  const start = Math.max(0, shiftRound - window);
  if (shiftRound - start < 1 || shiftRound >= series.length) return Number.NaN;
  let before = 0;
  for (let t = start; t < shiftRound; t++) before += series[t];
  before /= shiftRound - start;
  const width = Math.min(smooth, series.length - shiftRound);
  for (let s = shiftRound; s + width <= series.length; s++) {
    let avg = 0;
    for (let j = s; j < s + width; j++) avg += series[j];
    if (avg / width >= level * before) return s - shiftRound;
  }
  return Infinity;
}

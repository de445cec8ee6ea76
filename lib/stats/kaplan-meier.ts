/** One distinct time of the Kaplan–Meier curve. */
export interface SurvivalStep {
  time: number;
  /** Subjects still under observation just before `time` (no event, not censored earlier). */
  atRisk: number;
  /** Events observed at `time`. */
  events: number;
  /** Subjects censored at `time` (still at risk at `time`, gone after it). */
  censored: number;
  /** S(time): the estimated probability that the event has not happened by `time` (inclusive). */
  survival: number;
}

export interface KaplanMeier {
  n: number;
  events: number;
  steps: SurvivalStep[];
  /**
   * The median time to the event: the smallest time at which S ≤ 0.5, or null when S never falls to 0.5 before
   * the last observation (the median is then beyond the window: "not reached", never a number made up).
   */
  median: number | null;
}

/**
 * The Kaplan–Meier (product-limit) estimate of the time-to-event curve, for right-censored data: `times[i]` is when
 * subject i had the event (`observed[i]` true) or when it was last seen without it (false). At a tie, events come
 * before censorings: a subject censored at t was at risk at t. S(t) = Π_{t_j ≤ t} (1 − d_j / n_j).
 */
export function kaplanMeier(times: ArrayLike<number>, observed: ArrayLike<boolean>): KaplanMeier {
  if (times.length !== observed.length) throw new RangeError(`kaplanMeier: ${times.length} times against ${observed.length} event flags`);
  const n = times.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(times[i])) throw new RangeError(`kaplanMeier: time ${i} is ${times[i]}; a censored subject needs the time it was last seen`);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a] - times[b]);
  const steps: SurvivalStep[] = [];
  let atRisk = n;
  let survival = 1;
  let events = 0;
  let median: number | null = null;
  for (let j = 0; j < n; ) {
    const time = times[order[j]];
    let d = 0;
    let c = 0;
    for (; j < n && times[order[j]] === time; j++) observed[order[j]] ? d++ : c++;
    if (d > 0) survival *= 1 - d / atRisk;
    steps.push({ time, atRisk, events: d, censored: c, survival });
    if (median === null && d > 0 && survival <= 0.5) median = time;
    events += d;
    atRisk -= d + c;
  }
  return { n, events, steps, median };
}

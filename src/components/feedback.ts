import { initialRuleState, ruleOf, type RuleKind, type RuleParameters, type RuleState, type SimplexOptions, step, toSimplex } from "../lib/index.js";

export const ITEMS = ["A", "B", "C"];

/** What a shown item that was not clicked contributes: a skip reward, zero, or nothing (its weight does not move). */
export type Unclicked = "skip" | "zero" | "unobserved";

export interface SequenceOptions extends RuleParameters {
  rule: RuleKind;
  unclicked: Unclicked;
  simplex: SimplexOptions;
  start: number[];
}

export interface SequencePoint {
  step: number;
  item: string;
  w: number;
  pi: number;
  reward: number | null;
}

function rewards(clicked: string | null, unclicked: Unclicked): (number | null)[] {
  return ITEMS.map((item) => (item === clicked ? 1 : unclicked === "skip" ? -1 : unclicked === "zero" ? 0 : null));
}

/** One update where coordinates with no reward (null) keep their whole state. */
export function maskedStep(rule: RuleKind, state: RuleState, r: (number | null)[], p: RuleParameters): RuleState {
  const next = step(rule, state, r.map((v) => v ?? 0), p);
  r.forEach((v, k) => {
    if (v !== null) return;
    next.w[k] = state.w[k];
    next.previous[k] = state.previous[k];
    next.h[k] = state.h[k];
  });
  return next;
}

/** The weight trajectory of a feedback sequence (each event: the item clicked, or null for no click). */
export function sequenceTrajectory(events: (string | null)[], o: SequenceOptions): SequencePoint[] {
  let state = initialRuleState(o.start);
  const points: SequencePoint[] = [];
  const record = (t: number, r: (number | null)[]) => {
    const pi = toSimplex(state.w, o.simplex);
    ITEMS.forEach((item, k) => points.push({ step: t, item, w: state.w[k], pi: pi[k], reward: r[k] }));
  };
  record(0, [null, null, null]);
  events.forEach((clicked, t) => {
    const r = rewards(clicked, o.unclicked);
    state = maskedStep(o.rule, state, r, o);
    record(t + 1, r);
  });
  return points;
}

/** One item's update at one feedback event, for the per-event arithmetic table. */
export interface EventStep {
  event: number;
  /** The item clicked at this event, or null for no click. */
  clicked: string | null;
  item: string;
  /** The item's reward, or null when it has none (its whole state stays). */
  reward: number | null;
  before: number;
  /** The rule's arithmetic with this item's numbers, e.g. "0.5 + 0.1·(1 − 0.5) = 0.55". */
  arithmetic: string;
  after: number;
  /** π of the item after the event. */
  pi: number;
}

/** The arithmetic of every event of a feedback sequence, item by item (the numbers sequenceTrajectory draws). */
export function sequenceSteps(events: (string | null)[], o: SequenceOptions, digits = 3): EventStep[] {
  const rule = ruleOf(o.rule);
  const f = (x: number) => x.toFixed(digits);
  const signed = (x: number) => (x < 0 ? `(${f(x)})` : f(x));
  let state = initialRuleState(o.start);
  const out: EventStep[] = [];
  events.forEach((clicked, t) => {
    const r = rewards(clicked, o.unclicked);
    const next = maskedStep(o.rule, state, r, o);
    const pi = toSimplex(next.w, o.simplex);
    ITEMS.forEach((item, k) => {
      const worked = { w: state.w[k], r: r[k] ?? 0, previous: state.previous[k], h: state.h[k], nextH: next.h[k], next: next.w[k], p: o };
      out.push({
        event: t + 1,
        clicked,
        item,
        reward: r[k],
        before: state.w[k],
        arithmetic: r[k] === null ? `no outcome: stays ${f(state.w[k])}` : rule.worked(worked, f, signed),
        after: next.w[k],
        pi: pi[k],
      });
    });
    state = next;
  });
  return out;
}

export type Verdict = "converges" | "diverges" | "slow";

/** Runs momentum on a constant reward and says what happened: |w − r| small, blown up, or neither yet. */
export function constantRewardVerdict(alpha: number, beta: number, steps = 300, reward = 1): Verdict {
  let state = initialRuleState([0]);
  for (let t = 0; t < steps; t++) {
    state = step("momentum", state, [reward], { alpha, beta, history: 1 });
    if (!Number.isFinite(state.w[0]) || Math.abs(state.w[0]) > 1e6) return "diverges";
  }
  return Math.abs(state.w[0] - reward) < 1e-3 ? "converges" : "slow";
}

/** The first steps of momentum on a constant reward: w_t for t = 0 … steps. */
export function constantRewardPath(alpha: number, beta: number, steps = 40, reward = 1): { step: number; w: number }[] {
  let state = initialRuleState([0]);
  const out = [{ step: 0, w: 0 }];
  for (let t = 1; t <= steps; t++) {
    state = step("momentum", state, [reward], { alpha, beta, history: 1 });
    out.push({ step: t, w: state.w[0] });
  }
  return out;
}

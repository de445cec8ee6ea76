/**
 * What every update rule of DESIGN §4 declares (one file per rule in this folder, listed by index.ts): its step,
 * which parameters it reads, its formula as every page and command shows it, and where it is stable.
 * State is per coordinate; `step` returns a new state and never mutates its input.
 */
export interface RuleParameters {
  alpha: number;
  /** History factor β (momentum, smoothed). */
  beta: number;
  /** History coefficient H (seed-history). */
  history: number;
}

export interface RuleState {
  w: Float64Array;
  /** The previous w (momentum). */
  previous: Float64Array;
  /** The smoothed reward h (smoothed). */
  h: Float64Array;
}

/** Where a rule converges to a constant reward r from any start. */
export interface StabilityRegion {
  isStable(p: RuleParameters): boolean;
  /**
   * The region in words, e.g. "0 < α < 2", or null for a rule that has no fixed point under a reward other than 0
   * (`noFixedPoint` then says why).
   */
  region: string | null;
  noFixedPoint?: string;
  /** Why, from the rule's recurrence under a constant reward r. */
  reason: string;
  /** The region's edge in the (α, β) plane, the largest stable α for a β: as text ("2(1 + β)") and as a curve. */
  edge?: { text: string; alpha(beta: number): number };
}

/** The numbers of one step, for `explain`'s arithmetic lines. */
export interface WorkedStep {
  w: number;
  r: number;
  previous: number;
  /** h before and after the step. */
  h: number;
  nextH: number;
  next: number;
  p: RuleParameters;
}

export interface UpdateRule {
  readonly name: string;
  /** The update as pages and commands display it. */
  readonly formula: string;
  /** Where the rule comes from, when it is one of the source articles' forms. */
  readonly origin?: string;
  /** Whether the step reads β, and H. */
  readonly readsBeta: boolean;
  readonly readsHistory: boolean;
  /** What β does in this rule, in a few words. */
  readonly betaRole: string;
  /** What the rule does, in a sentence, as the pages explain it. */
  readonly doc: string;
  step(state: RuleState, r: ArrayLike<number>, p: RuleParameters): RuleState;
  readonly stability: StabilityRegion;
  /** The formula with one coordinate's numbers filled in (`f` formats a number, `signed` one that may be negative). */
  worked(s: WorkedStep, f: (x: number) => string, signed: (x: number) => string): string;
}

export function initialRuleState(w0: ArrayLike<number>): RuleState {
  const w = Float64Array.from(w0);
  return { w, previous: w.slice(), h: new Float64Array(w.length) };
}

/** The state a step writes: a fresh w, the current w as `previous`, and a copy of h. */
export function nextState(state: RuleState): RuleState {
  return { w: new Float64Array(state.w.length), previous: state.w.slice(), h: state.h.slice() };
}

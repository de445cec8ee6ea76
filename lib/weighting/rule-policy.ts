import type { PolicyConfig } from "./config.js";
import { initialWeights, rewardSpan } from "./config.js";
import { PositionBaseline, slateCredit } from "./credit.js";
import { assertFinite } from "./non-finite.js";
import type { SlateFeedback, WeightPolicy } from "./policy.js";
import { initialRuleState, step, type RuleKind, type RuleState } from "./rules.js";
import { capStep, toSimplex } from "./simplex.js";

/** The raw weight w that maps to π0 under the configured normalisation (so a run starts at policy.weights). */
export function rawFromSimplex(pi: Float64Array, config: PolicyConfig): Float64Array {
  if (config.simplex.kind === "softmax") return pi.map((p) => config.simplex.temperature * Math.log(Math.max(p, 1e-12)));
  return pi.slice();
}

/**
 * Credit per slate against the position baseline as it stood before the round (`centred`), or against zero
 * (`raw`); the baseline then learns from the round's rewards.
 */
export class CreditAssigner {
  private readonly baseline: PositionBaseline;
  private readonly span: number;

  constructor(
    private readonly components: number,
    private readonly config: PolicyConfig,
  ) {
    this.baseline = new PositionBaseline(64);
    this.span = rewardSpan(config.rewards);
  }

  credits(feedback: SlateFeedback[]): Float64Array[] {
    const b = this.config.credit === "centred" ? this.baseline.values() : null;
    const out = feedback.map((f) => slateCredit(f.scores, this.components, f.rewards, b, this.span));
    for (const f of feedback) this.baseline.update(f.rewards);
    return out;
  }

  /** Mean credit per component over a round's slates. */
  mean(feedback: SlateFeedback[]): Float64Array {
    const r = new Float64Array(this.components);
    const all = this.credits(feedback);
    for (const c of all) for (let k = 0; k < this.components; k++) r[k] += c[k];
    return all.length ? r.map((v) => v / all.length) : r;
  }
}

/**
 * Global blend weights updated once per round by one of the rules, from the round's mean credit.
 * With the softmax normalisation the rule acts on w and π = softmax(w / τ); with the floor, π ∝ max(w, ε).
 */
export function createRulePolicy(components: string[], config: PolicyConfig): WeightPolicy {
  const kind = config.kind as RuleKind;
  const pi0 = initialWeights(components, config.weights);
  let state: RuleState = initialRuleState(rawFromSimplex(pi0, config));
  let pi = pi0;
  const credit = new CreditAssigner(components.length, config);
  return {
    kind,
    components,
    weights: () => pi,
    update(round, feedback) {
      if (feedback.length === 0) return;
      const r = credit.mean(feedback);
      state = step(kind, state, r, config);
      assertFinite(state.w, components, round);
      pi = capStep(pi, toSimplex(state.w, config.simplex), config.simplex.maxStep);
      assertFinite(pi, components, round);
    },
    global: () => pi,
    dispose() {},
  };
}

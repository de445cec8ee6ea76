import { POLICY_SCHEMA, type PolicyConfig } from "./config.js";
import { rewardSpan, type RewardConfig } from "./reward.js";
import type { SlateFeedback } from "./policy.js";

/**
 * Credit of each component for one slate: how much its normalised scores agreed with what happened.
 *
 *   r_k = clamp( mean_i (r(o_i) − b_{p_i})·(2Ŝ_k(u,i) − 1) / s , −1, 1 )
 *
 * with s = (max reward − min reward) / 2 and b_p a baseline for slate position p.
 *
 * `centred` (the default): b_p is the running mean reward at position p over past slates (seeded from the
 * first round's own slates, so round 0 is not scored against zero). Users examine the top of a slate more, so
 * top positions collect more clicks whoever put the item there; and with click-through rates far below one half
 * nearly every shown item is a skip, so the uncentred form punishes whichever component ranked the shown items
 * high, including the one that found the click. Against the position baseline a component earns credit when the
 * items it scores high do better than their positions predict, and a random scorer earns zero in expectation
 * (test/policies-credit.test.ts). The residual is also position-fair in scale: a click where clicks are rare
 * (a low position, b_p near the skip reward) is worth more than one at the top, which is what an inverse
 * examination weight would do, without knowing the examination curve.
 * What it measures, and what not: how well a component's scores sort the items the blend chose to show, not how
 * good the component's own top items would be. The two can disagree: on abrupt-shift with popularity, item-cf,
 * user-cf and content, popularity earns the most credit (the shown items it ranks high are the ones clicked)
 * although its own slates click less than item-cf's; and the served blend decides both which items are shown
 * and where, so a component the blend ignores is judged on items it did not choose. A bandit that serves one
 * component per slate (exp3.ts, thompson.ts) measures the component's own slates instead.
 * `raw`: b_p = 0, the form of DESIGN §4 as written.
 */
export type CreditKind = PolicyConfig["credit"];

export const CREDIT_KINDS: readonly CreditKind[] = POLICY_SCHEMA.fields.credit.values;

export function slateCredit(
  scores: Float32Array,
  components: number,
  rewards: ArrayLike<number>,
  baseline: ArrayLike<number> | null,
  rewardSpan: number,
  kind: CreditKind = "centred",
): Float64Array {
  const n = rewards.length;
  const credit = new Float64Array(components);
  if (n === 0) return credit;
  const scale = rewardSpan > 0 ? rewardSpan / 2 : 1;
  if (kind === "proposal") return proposalCredit(scores, components, rewards, baseline, scale);
  for (let k = 0; k < components; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (rewards[i] - (baseline ? baseline[i] : 0)) * (2 * scores[i * components + k] - 1);
    credit[k] = Math.max(-1, Math.min(1, s / n / scale));
  }
  return credit;
}

/**
 * `proposal` credit: r_k = clamp( Σ_i Ŝ_k(u,i)·(r(o_i) − b_{p_i}) / Σ_i Ŝ_k(u,i) / s , −1, 1 ), the mean advantage
 * over the position baseline of the shown items, each weighted by how strongly component k proposed it. A
 * component is judged on the items it pushed into the slate, not on items it ranked low: under (2Ŝ − 1) a
 * component that proposed none of the shown items is still charged (or paid) the whole slate's advantage with
 * the sign flipped. The common part of the advantage, shared by every component, cancels in the softmax.
 */
function proposalCredit(scores: Float32Array, components: number, rewards: ArrayLike<number>, baseline: ArrayLike<number> | null, scale: number): Float64Array {
  const n = rewards.length;
  const credit = new Float64Array(components);
  for (let k = 0; k < components; k++) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      const w = scores[i * components + k];
      num += w * (rewards[i] - (baseline ? baseline[i] : 0));
      den += w;
    }
    credit[k] = den > 0 ? Math.max(-1, Math.min(1, num / den / scale)) : 0;
  }
  return credit;
}

/** Running mean reward per slate position (an exponential average once `1 / rate` slates have been seen). */
export class PositionBaseline {
  private readonly mean: Float64Array;
  private readonly count: Float64Array;

  constructor(
    positions: number,
    private readonly rate = 0.01,
  ) {
    this.mean = new Float64Array(positions);
    this.count = new Float64Array(positions);
  }

  get empty(): boolean {
    return this.count[0] === 0;
  }

  values(): Float64Array {
    return this.mean.slice();
  }

  update(rewards: ArrayLike<number>): void {
    for (let p = 0; p < rewards.length && p < this.mean.length; p++) {
      this.count[p]++;
      const step = Math.max(this.rate, 1 / this.count[p]);
      this.mean[p] += step * (rewards[p] - this.mean[p]);
    }
  }
}

/**
 * Credit per slate against the position baseline as it stood before the round (`centred`), or against zero
 * (`raw`); the baseline then learns from the round's rewards. The very first round, with no history, is scored
 * against its own position means.
 */
export class CreditAssigner {
  private readonly baseline = new PositionBaseline(64);
  private readonly span: number;

  constructor(
    private readonly components: number,
    private readonly kind: CreditKind,
    rewards: RewardConfig,
  ) {
    this.span = rewardSpan(rewards);
  }

  credits(feedback: SlateFeedback[]): Float64Array[] {
    const centred = this.kind !== "raw";
    if (centred && this.baseline.empty) for (const f of feedback) this.baseline.update(f.rewards);
    const b = centred ? this.baseline.values() : null;
    const out = feedback.map((f) => slateCredit(f.scores, this.components, f.rewards, b, this.span, this.kind));
    for (const f of feedback) this.baseline.update(f.rewards);
    return out;
  }
}

/** Mean of rows (a zero vector for none). */
export function meanRow(rows: ArrayLike<number>[], n: number): Float64Array {
  const r = new Float64Array(n);
  for (const c of rows) for (let k = 0; k < n; k++) r[k] += c[k];
  return rows.length ? r.map((v) => v / rows.length) : r;
}

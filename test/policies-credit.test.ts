import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { DEFAULT_POLICY_CONFIG } from "../lib/weighting/config.js";
import { CreditAssigner, slateCredit } from "../lib/weighting/credit.js";
import type { SlateFeedback } from "../lib/weighting/policy.js";

/**
 * Slates of 10 where the user examines position p with probability 1 / (p + 1)^0.7 and clicks an examined item
 * with probability 0.5·relevance; component 0's score is the relevance, component 1's is random noise, and
 * component 2 scores every shown item high (it agrees with the blend that chose them) but knows nothing.
 */
function slates(stream: Stream, n: number): SlateFeedback[] {
  return Array.from({ length: n }, (_, s) => {
    const scores = new Float32Array(30);
    const rewards = new Float64Array(10);
    const clicked: boolean[] = [];
    for (let p = 0; p < 10; p++) {
      const relevance = stream.next();
      scores[p * 3] = relevance;
      scores[p * 3 + 1] = stream.next();
      scores[p * 3 + 2] = 0.9 + 0.1 * stream.next();
      const c = stream.next() < 1 / Math.pow(p + 1, 0.7) && stream.next() < 0.5 * relevance;
      clicked.push(c);
      rewards[p] = c ? 1 : -1;
    }
    return { user: s, round: 0, scores, rewards, clicked, weights: new Float64Array(3) };
  });
}

describe("credit against the position baseline", () => {
  const stream = new Stream("credit");
  const assigner = new CreditAssigner(3, "centred", DEFAULT_POLICY_CONFIG.rewards);
  const rounds = Array.from({ length: 40 }, () => slates(stream, 50));
  const centred = rounds.map((fb) => assigner.credits(fb)).flat();
  const mean = (k: number, rows: Float64Array[]) => rows.reduce((s, c) => s + c[k], 0) / rows.length;

  it("a random scorer earns zero in expectation; the informative one earns clearly more", () => {
    expect(Math.abs(mean(1, centred))).toBeLessThan(0.01);
    expect(mean(0, centred) - mean(1, centred)).toBeGreaterThan(0.03);
  });

  it("a component that merely agrees with the shown slate earns about nothing, while the raw form punishes it hard", () => {
    expect(Math.abs(mean(2, centred))).toBeLessThan(0.01);
    const raw = rounds.flat().map((f) => slateCredit(f.scores, 3, f.rewards, null, 3));
    expect(mean(2, raw)).toBeLessThan(-0.4);
  });

  it("the first round is scored against its own position means, not against zero", () => {
    const fresh = new CreditAssigner(3, "centred", DEFAULT_POLICY_CONFIG.rewards);
    const first = fresh.credits(slates(new Stream("first"), 200));
    expect(Math.abs(mean(2, first))).toBeLessThan(0.02);
  });

  it("credits are clamped to [−1, 1]", () => {
    const c = slateCredit(Float32Array.from([1, 0]), 2, [100], [0], 3);
    expect(Array.from(c)).toEqual([1, -1]);
  });
});

import type { OracleWeightsHook } from "../weighting/policy.js";
import { expectedClicks } from "../world/behaviour.js";
import type { BehaviourConfig } from "../world/config.js";
import type { RecommenderConfig } from "../scenario/config.js";
import { selectSlate } from "./slate.js";
import type { Embeddings } from "./text-model.js";

/** What the loop knows at the start of a round, before anyone is served. */
export interface RoundView {
  active: Int32Array;
  items: number;
  /** Per component, active × items normalised scores. */
  normalised: Float32Array[];
  /** active × items noise-free utilities. */
  truth: Float32Array;
  consumed: Set<number>[];
}

/**
 * The truth hook passed to `oracle-weights` only: the expected clicks of the slate each candidate π would serve,
 * with the loop's own slate selection and the world's examination and click curves on noise-free utilities.
 */
export function createOracleWeightsHook(
  view: () => RoundView,
  recommender: RecommenderConfig,
  behaviour: BehaviourConfig,
  embeddings: Embeddings,
): OracleWeightsHook {
  return {
    evaluate(candidates) {
      const { active, items, normalised, truth, consumed } = view();
      const C = candidates.length;
      const values = new Float64Array(active.length * C);
      const blended = new Float32Array(items);
      for (let a = 0; a < active.length; a++) {
        const utilities = truth.subarray(a * items, (a + 1) * items);
        for (let c = 0; c < C; c++) {
          blended.fill(0);
          normalised.forEach((scores, k) => {
            const w = candidates[c][k];
            if (w === 0) return;
            const row = scores.subarray(a * items, (a + 1) * items);
            for (let i = 0; i < items; i++) blended[i] += w * row[i];
          });
          const slate = selectSlate(blended, recommender.k, consumed[active[a]], recommender.diversity, recommender.pool, embeddings);
          values[a * C + c] = expectedClicks(slate.map((i) => utilities[i]), behaviour);
        }
      }
      return { users: active, values };
    },
  };
}

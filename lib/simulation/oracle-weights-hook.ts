import { blendFloat32 } from "../loop/blend.js";
import type { RoundScores } from "../loop/score.js";
import { selectSlate } from "../loop/slate.js";
import type { RecommenderConfig } from "../scenario/config.js";
import type { OracleWeightsHook } from "../weighting/policy.js";
import { expectedClicks } from "../world/behaviour.js";
import type { BehaviourConfig } from "../world/config.js";
import type { Embeddings } from "./text-model.js";

/** What the loop knows at the start of a round, before anyone is served. */
export interface RoundView {
  active: Int32Array;
  scores: RoundScores;
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
      const { active, scores, truth, consumed } = view();
      const { items } = scores;
      const C = candidates.length;
      const values = new Float64Array(active.length * C);
      const blended = new Float32Array(items);
      for (let a = 0; a < active.length; a++) {
        const utilities = truth.subarray(a * items, (a + 1) * items);
        for (let c = 0; c < C; c++) {
          blended.fill(0);
          blendFloat32(blended, scores, a, candidates[c]);
          const slate = selectSlate(blended, recommender.k, consumed[active[a]], recommender.diversity, recommender.pool, embeddings);
          values[a * C + c] = expectedClicks(slate.map((i) => utilities[i]), behaviour);
        }
      }
      return { users: active, values };
    },
  };
}

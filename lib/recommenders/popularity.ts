import type { Recommender, RecommenderContext, RoundEvents, ScoreRequest } from "./recommender.js";

export interface PopularityOptions {
  /** Share of an item's count kept from one round to the next (1 = all-time counts). */
  decay: number;
  clickWeight: number;
  purchaseWeight: number;
}

export const DEFAULT_POPULARITY_OPTIONS: PopularityOptions = { decay: 0.97, clickWeight: 1, purchaseWeight: 1 };

/** Time-decayed interaction counts: what is hot now. The same scores for every user. */
export function createPopularity(context: RecommenderContext): Recommender {
  const o = { ...DEFAULT_POPULARITY_OPTIONS, ...(context.options as Partial<PopularityOptions>) };
  let counts = new Float64Array(context.catalog.arrival.length);
  return {
    name: "popularity",
    userIndependent: true,
    score({ users, items }: ScoreRequest) {
      const out = new Float32Array(users.length * items);
      for (let a = 0; a < users.length; a++) for (let i = 0; i < items; i++) out[a * items + i] = counts[i];
      return out;
    },
    observe(events: RoundEvents) {
      for (let i = 0; i < counts.length; i++) counts[i] *= o.decay;
      for (const e of events.impressions) {
        if (e.clicked) counts[e.item] += o.clickWeight;
        if (e.purchased) counts[e.item] += o.purchaseWeight;
      }
    },
    dispose() {
      counts = new Float64Array(0);
    },
  };
}

import { defaults, number, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import type { Recommender, RecommenderContext, RoundEvents, ScoreRequest } from "./recommender.js";

export const POPULARITY_OPTIONS = section({
  decay: number(0.97, [0, 1], "Share of an item's count kept from one round to the next (1 = all-time counts)."),
  clickWeight: number(1, [0, 1e6], "Count added by a click."),
  purchaseWeight: number(1, [0, 1e6], "Count added by a purchase, on top of its click."),
});

export type PopularityOptions = ValueOf<typeof POPULARITY_OPTIONS>;

export const DEFAULT_POPULARITY_OPTIONS: PopularityOptions = defaults(POPULARITY_OPTIONS);

/** Time-decayed interaction counts: what is hot now. The same scores for every user. */
export function createPopularity(context: RecommenderContext): Recommender {
  const o = resolveOptions(POPULARITY_OPTIONS, context.options, "recommender.options.popularity");
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

import { createAdapter, type Adapter } from "../encoders/adapter.js";
import { l2normalise } from "../encoders/encoder.js";
import { defaults, integer, number, section, type ValueOf } from "../config/fields.js";
import { ConfigError } from "../config/error.js";
import { resolveOptions } from "../config/resolve.js";
import { DEFAULT_POLICY_CONFIG } from "../weighting/config.js";
import { ProfileWeights } from "../weighting/profile.js";
import { ItemDots } from "./item-dots.js";
import type { Impression, Recommender, RecommenderContext, RoundEvents, ScoreRequest } from "./recommender.js";

/**
 * The profile's rule, β and its rate α for a clicked or purchased item (target r·e_i, r its reward) are the
 * scenario's `policy.profile`; these options are the rates of the other evidence.
 */
export const CONTENT_OPTIONS = section({
  skipAlpha: number(0.01, [0, 1], "Rate for a skipped item (target r·e_i with the skip reward, usually negative: the profile moves away)."),
  queryAlpha: number(0.1, [0, 1], "Rate toward the embedding of the user's search query (target r·e_q with r = 1)."),
  reviewAlpha: number(0.1, [0, 1], "Rate for a reviewed item, with r = 2·P(positive) − 1 read from the review by the encoder's sentiment classifier."),
  adapter: integer(0, [0, 1], "1: score in an adapted space e·A, A a projection trained online from clicks (lib/encoders/adapter.ts); 0: frozen."),
  adapterRate: number(2, [0, 100], "SGD step of the adapter."),
});

export type ContentOptions = ValueOf<typeof CONTENT_OPTIONS>;

export const DEFAULT_CONTENT_OPTIONS: ContentOptions = defaults(CONTENT_OPTIONS);

/**
 * Content-based: each user has a profile p_u in the item-embedding space, the profile weights of `policy.profile`
 * (lib/weighting/profile.ts), moved by its rule (ema: p ← p + α·(r·e − p)) toward clicked items (r > 0), away from
 * skipped ones (r < 0) and toward the texts of the user's queries (when the context can encode text). Raw score:
 * cosine(p_u, e_i) ∈ [−1, 1], so an item that arrived this round scores by its text like any other; a user with no
 * profile yet gets 0 for every item (a tie). The loop rank-normalises each user's row.
 */
export function createContent(context: RecommenderContext): Recommender {
  if ("alpha" in context.options) {
    throw new ConfigError("recommender.options.content.alpha: the profile's rate for clicked items is policy.profile.alpha (with policy.profile.rule and policy.profile.beta)");
  }
  const o = resolveOptions(CONTENT_OPTIONS, context.options, "recommender.options.content");
  const embeddings = context.embeddings;
  if (!embeddings) throw new Error("recommender.components: 'content' needs item embeddings, which this run does not provide");
  const { dim } = embeddings;
  const vectors = l2normalise(embeddings.vectors.slice(), dim);
  const weights = new ProfileWeights(context.catalog.users, dim, context.profile ?? DEFAULT_POLICY_CONFIG.profile);
  const profiles = weights.vectors;
  const encodeText = context.encodeText;
  const adapter: Adapter | null = o.adapter ? createAdapter(dim, { learningRate: o.adapterRate }) : null;
  const dots = new ItemDots(vectors, vectors.length / dim, dim);
  let adapterLoss = 0;

  const x = new Float64Array(dim);
  const move = (user: number, target: Float32Array, offset: number, r: number, alpha: number) => {
    for (let j = 0; j < dim; j++) x[j] = r * target[offset + j];
    weights.update(user, x, alpha);
  };

  return {
    name: "content",
    score({ users, items }: ScoreRequest) {
      const batch = new Float32Array(users.length * dim);
      users.forEach((u, a) => {
        const p = profiles.subarray(u * dim, (u + 1) * dim);
        let s = 0;
        for (let j = 0; j < dim; j++) s += p[j] * p[j];
        const scale = s > 0 ? 1 / Math.sqrt(s) : 0;
        for (let j = 0; j < dim; j++) batch[a * dim + j] = p[j] * scale;
      });
      return dots.dots(adapter ? adapter.project(batch) : batch, users.length, items);
    },
    observe({ impressions, texts }: RoundEvents) {
      if (adapter) {
        adapterLoss = adapter.train(clickBatch(impressions, profiles, vectors, dim));
        dots.load(adapter.project(vectors));
      }
      const queries = texts.filter((t) => t.kind === "query");
      if (encodeText && queries.length > 0 && o.queryAlpha > 0) {
        const encoded = encodeText(queries.map((q) => q.text));
        if (encoded.length !== queries.length * dim) throw new Error(`content: encodeText gave ${encoded.length} values for ${queries.length} texts × ${dim}`);
        queries.forEach((q, k) => move(q.user, encoded, k * dim, 1, o.queryAlpha));
      }
      for (const e of impressions) {
        const alpha = e.clicked ? weights.options.alpha : o.skipAlpha;
        if (alpha > 0) move(e.user, vectors, e.item * dim, e.reward, alpha);
      }
      const reviews = texts.filter((t) => t.kind === "review" && t.item !== undefined);
      if (context.sentiment && reviews.length > 0 && o.reviewAlpha > 0) {
        const positive = context.sentiment(reviews.map((r) => r.text));
        reviews.forEach((r, k) => move(r.user, vectors, r.item! * dim, 2 * positive[k] - 1, o.reviewAlpha));
      }
    },
    profile: (user: number) => weights.profile(user),
    diagnostics: (): Record<string, number> => (adapter ? { adapter_loss: adapterLoss } : {}),
    dispose() {
      adapter?.dispose();
    },
  };
}

/** The round's impressions of users who had a profile when served: (profile, item embedding, clicked). */
function clickBatch(impressions: Impression[], profiles: Float32Array, vectors: Float32Array, dim: number) {
  const served = impressions.filter((e) => profiles.subarray(e.user * dim, (e.user + 1) * dim).some((v) => v !== 0));
  const batch = { profiles: new Float32Array(served.length * dim), items: new Float32Array(served.length * dim), clicked: new Float32Array(served.length) };
  served.forEach((e, r) => {
    batch.profiles.set(profiles.subarray(e.user * dim, (e.user + 1) * dim), r * dim);
    batch.items.set(vectors.subarray(e.item * dim, (e.item + 1) * dim), r * dim);
    batch.clicked[r] = e.clicked ? 1 : 0;
  });
  return batch;
}

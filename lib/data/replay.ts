import { buildComponents, componentDiagnostics, observeAll, scoringOrder } from "../loop/components.js";
import { scoreRound } from "../loop/score.js";
import { UserBlender } from "../loop/user-blender.js";
import { Stream } from "../random/stream.js";
import { DEFAULT_RANK_CONSTANT } from "../recommenders/normalise.js";
import type { Catalog, Impression, Recommender, TextEvent } from "../recommenders/recommender.js";
import { InThreadNormaliser, type RowNormaliser } from "../recommenders/row-normaliser.js";
import type { SyncEncoder } from "../encoders/encoder.js";
import { principalProjection } from "../encoders/principal-projection.js";
import { hashingEmbeddings } from "../simulation/text-model.js";
import type { SlateFeedback, WeightPolicy } from "../weighting/policy.js";
import { createPolicy } from "../weighting/registry.js";
import { rewardOf } from "../weighting/reward.js";
import type { MovieLensDataset } from "./dataset.js";
import { movieText, tagsByMovie } from "./item-text.js";
import { resolveReplayOptions, type ReplayOptions } from "./replay-config.js";
import { buildTimeline, type Timeline } from "./timeline.js";

export { DEFAULT_REPLAY_OPTIONS, type ReplayOptions } from "./replay-config.js";

export interface ReplayWindow {
  window: number;
  /** Timestamps (seconds) of the window's first and last positive event. */
  start: number;
  end: number;
  events: number;
  /** Index of the window's first positive rating in the time-ordered table (held-out windows start at or after heldOutFrom). */
  from: number;
}

export interface ReplayScore {
  policy: string;
  window: number;
  events: number;
  hit: number;
  ndcg: number;
}

export interface ReplayWeight {
  policy: string;
  window: number;
  component: string;
  /** Mean blend weight the window's recommendations were made with. */
  weight: number;
}

export interface ReplaySummaryRow {
  policy: string;
  events: number;
  hit: number;
  ndcg: number;
  /** The policy's own time (blend, rank, learn) plus the time of the components it blends. */
  seconds: number;
}

/** A policy's hit rates on one part of the events (the held-out part; its cold-item events). */
export interface ReplayPartRow {
  policy: string;
  events: number;
  hit: number;
  ndcg: number;
  /** hit@k a uniformly random list of the same candidates would get: the mean of min(k, c)/c, c the candidates. */
  random: number;
}

/** An item is cold while it has fewer ratings than this (of any value, before the event). */
export const COLD_RATINGS = 5;

export interface ReplayResult {
  k: number;
  components: string[];
  policies: string[];
  ratings: number;
  batches: number;
  windows: ReplayWindow[];
  scores: ReplayScore[];
  weights: ReplayWeight[];
  summary: ReplaySummaryRow[];
  /** The first rating of the held-out part: the ratings before it (TUNING_SHARE of them) are the tuning slice. */
  heldOutFrom: number;
  /** Its timestamp (seconds; NaN when the replay has no held-out part). */
  heldOutStart: number;
  /** Hit rates on the held-out part's events. */
  heldOut: ReplayPartRow[];
  /** Hit rates on the held-out part's events whose movie had fewer than COLD_RATINGS ratings before (cold items). */
  cold: ReplayPartRow[];
  /** Components built (those some policy uses); the others score 0 and learn nothing. */
  built: string[];
  /** Scoring, normalising and learning time of each component, shared by every policy. */
  componentSeconds: Record<string, number>;
  diagnostics: Record<string, number>;
}

interface Tally {
  events: Float64Array;
  hits: Float64Array;
  ndcg: Float64Array;
  /** windows × components sums of π. */
  weights: Float64Array;
  /** events, hits, ndcg and random-list hit sums of the held-out part [0–3] and of its cold events [4–7]. */
  parts: Float64Array;
  seconds: number;
}

/** Item text for the replay's `content` component (and MMR): a sentence encoder such as the pretrained one. */
export type ReplayEncoder = Pick<SyncEncoder, "dim" | "encodeSync" | "model">;

/**
 * The components some policy uses: all of them if any policy blends, else the single components asked for.
 * A component no policy reads is neither built nor fed nor scored.
 */
export function usedComponents(components: string[], policies: ReplayOptions["policies"]): boolean[] {
  const blends = policies.some((p) => p.kind !== "static" || Object.keys(p.weights).length === 0);
  return components.map((c) => blends || policies.some((p) => (p.weights[c] ?? 0) > 0));
}

/** The encoder's item vectors on their first `axes` principal axes (0: all); texts encoded later are not projected, so none are offered. */
function projectedEmbeddings(encoder: ReplayEncoder, text: string[], axes: number) {
  const vectors = encoder.encodeSync(text);
  if (axes === 0 || axes >= encoder.dim) return { dim: encoder.dim, vectors, encodeText: encoder.encodeSync, kept: 1 };
  const { projected, kept } = principalProjection(vectors, encoder.dim, axes);
  return { dim: axes, vectors: projected, encodeText: undefined, kept };
}

/** The components that read the items' text vectors (the others are built without encoding any text). */
const TEXT_READERS = ["content", "sequence"];

/** A component left out: one shared row of zeros, no learning. */
function idle(name: string): Recommender {
  return { name, userIndependent: true, score: ({ items }) => new Float32Array(items), observe() {}, dispose() {} };
}

/**
 * Prequential evaluation on real ratings, in timestamp order, through the phases of lib/loop/ that the
 * simulation's rounds go through. For each batch: every component scores the users with a positive rating in it
 * (once, shared by all policies); each policy blends the normalised scores with its weights and recommends the
 * top k of the items the user has not rated before the event; hit@k and NDCG@k of the rated item are scored; then
 * each policy learns from its feedback and every component from the batch's ratings and tags.
 *
 * Policy feedback: the rated item (click, or purchase for a top rating) with `negatives` unrated items drawn
 * uniformly (skips), the same for every policy. The recommended list itself is not used as feedback: the replay
 * cannot know how the user would have answered it, and unanswered recommendations would count against whichever
 * component agreed with the blend. Credit is therefore `raw` by default (positions carry no information here).
 */
export class Replay {
  readonly options: ReplayOptions;
  readonly timeline: Timeline;
  readonly catalog: Catalog;
  readonly components: Recommender[];
  readonly policies: WeightPolicy[];
  private readonly data: MovieLensDataset;
  private readonly rated: Set<number>[];
  private readonly jitter: Float32Array;
  private readonly blender = new UserBlender();
  private readonly negativeStream: Stream;
  private readonly tallies: Tally[];
  private readonly componentSeconds: Float64Array;
  private readonly scoringOrder: number[];
  readonly built: string[];
  /** Share of the encoder's item-vector variance the content component scores in (1 without projection). */
  readonly textVarianceKept: number;
  private readonly normaliser: RowNormaliser;
  /** Whether the replay made its normaliser (and disposes of it). */
  private readonly ownsNormaliser: boolean;
  readonly heldOutFrom: number;
  /** Ratings of each replay item so far (cold-start tallies). */
  private readonly itemRatings: Int32Array;
  private readonly windowList: ReplayWindow[] = [];
  private positives = 0;
  private batch = 0;

  /**
   * `encoder` gives the items' text vectors (title, year, genres and the tags given before the tuning slice
   * ends, `replayItemTexts`); without one, hashing embeddings of `embeddingDim` dimensions. `normaliser` ranks the
   * components' scores (e.g. on other threads while the next component scores; the caller disposes of it); without
   * one, the replay's own thread does.
   */
  constructor(data: MovieLensDataset, options: Partial<ReplayOptions> = {}, encoder?: ReplayEncoder, normaliser?: RowNormaliser) {
    const o = (this.options = resolveReplayOptions(options));
    this.normaliser = normaliser ?? new InThreadNormaliser();
    this.ownsNormaliser = !normaliser;
    this.data = data;
    this.timeline = buildTimeline(data, o.limit, o.batchSize);
    const { movieOf, arrival } = this.timeline;
    const movies = Array.from(movieOf, (m) => data.movies[m]);
    const text = replayItemTexts(data, this.timeline);
    this.catalog = { arrival, title: movies.map((m) => m.title), text, users: data.userIds.length };
    const master = new Stream(o.seed);
    const used = usedComponents(o.components, o.policies);
    const needText = o.components.some((c, k) => used[k] && TEXT_READERS.includes(c));
    const embeddings = encoder && needText ? projectedEmbeddings(encoder, text, o.textAxes) : hashingEmbeddings(o.embeddingDim, needText ? text : []);
    this.textVarianceKept = "kept" in embeddings ? embeddings.kept : 1;
    const built = buildComponents(
      o.components.filter((_, k) => used[k]),
      { catalog: this.catalog, master, options: o.componentOptions, embeddings, encodeText: embeddings.encodeText },
    );
    this.components = o.components.map((c) => (used[o.components.indexOf(c)] ? built.shift()! : idle(c)));
    this.built = o.components.filter((_, k) => used[k]);
    this.scoringOrder = scoringOrder(this.components);
    this.policies = o.policies.map((p) =>
      createPolicy(o.components, { ...o.policy, ...p.overrides, kind: p.kind, weights: p.weights }, { users: data.userIds.length, stream: master.fork(`policy/${p.name}`) }),
    );
    this.rated = Array.from({ length: data.userIds.length }, () => new Set<number>());
    const tieBreak = master.fork("replay/tie-break");
    this.jitter = Float32Array.from({ length: movies.length }, () => 1e-6 * tieBreak.next());
    this.negativeStream = master.fork("replay/negatives");
    const K = o.components.length;
    const windows = Math.max(1, Math.ceil(this.countPositives() / o.windowEvents));
    this.tallies = o.policies.map(() => ({
      events: new Float64Array(windows),
      hits: new Float64Array(windows),
      ndcg: new Float64Array(windows),
      weights: new Float64Array(windows * K),
      parts: new Float64Array(8),
      seconds: 0,
    }));
    this.itemRatings = new Int32Array(movies.length);
    this.heldOutFrom = tuningSliceEnd(this.timeline.count);
    this.componentSeconds = new Float64Array(K);
  }

  get batches(): number {
    return this.timeline.batchStart.length - 1;
  }

  get done(): boolean {
    return this.batch >= this.batches;
  }

  /** Ratings replayed so far. */
  get progress(): number {
    return this.timeline.batchStart[this.batch];
  }

  /** The events the replay evaluates: ratings ≥ options.positive among those replayed. */
  countPositives(): number {
    const r = this.data.ratings;
    let n = 0;
    for (let j = 0; j < this.timeline.count; j++) if (r.rating[j] >= this.options.positive) n++;
    return n;
  }

  /** Replays one batch. */
  step(): void {
    const b = this.batch++;
    const o = this.options;
    const { batchStart, itemOf, present } = this.timeline;
    const r = this.data.ratings;
    const start = batchStart[b];
    const end = batchStart[b + 1];
    const items = present[b];
    const K = this.components.length;

    const byUser = new Map<number, number[]>();
    const windowOf = new Map<number, number>();
    for (let j = start; j < end; j++) {
      const u = r.user[j];
      if (!byUser.has(u)) byUser.set(u, []);
      byUser.get(u)!.push(j);
      if (r.rating[j] >= o.positive) {
        const w = Math.floor(this.positives++ / o.windowEvents);
        windowOf.set(j, w);
        this.noteWindow(w, r.timestamp[j], j);
      }
    }
    const users = Int32Array.from([...byUser.keys()].filter((u) => byUser.get(u)!.some((j) => windowOf.has(j))));
    if (users.length > 0 && items > 0) this.recommend(b, users, items, byUser, windowOf);

    const impressions: Impression[] = [];
    for (let j = start; j < end; j++) {
      const clicked = r.rating[j] >= o.positive;
      const purchased = r.rating[j] >= o.purchase;
      impressions.push({ user: r.user[j], item: itemOf[r.movie[j]], round: b, position: 0, clicked, purchased, reward: rewardOf(clicked, purchased, o.policy.rewards) });
      this.rated[r.user[j]].add(itemOf[r.movie[j]]);
      this.itemRatings[itemOf[r.movie[j]]]++;
    }
    const texts: TextEvent[] = [];
    const tags = this.data.tags;
    for (let t = this.timeline.tagStart[b]; t < this.timeline.tagStart[b + 1]; t++) {
      texts.push({ user: tags.user[t], round: b, kind: "review", text: tags.tag[t], item: itemOf[tags.movie[t]] });
    }
    observeAll(this.components, { round: b, impressions, texts }, this.componentSeconds);
  }

  private noteWindow(w: number, time: number, rating: number): void {
    const list = this.windowList;
    if (list.length <= w) list.push({ window: w, start: time, end: time, events: 0, from: rating });
    list[w].end = time;
    list[w].events++;
  }

  private recommend(b: number, users: Int32Array, items: number, byUser: Map<number, number[]>, windowOf: Map<number, number>): void {
    const o = this.options;
    const r = this.data.ratings;
    const { itemOf } = this.timeline;
    const K = this.components.length;
    const settings = { normalisation: o.normalisation, rankConstant: DEFAULT_RANK_CONSTANT };
    const scores = scoreRound(this.components, this.scoringOrder, { round: b, users, items }, this.normaliser, settings, this.componentSeconds).result();

    // Per user: its positive events, what it rated earlier in this batch before each, and the drawn negatives.
    const plans = Array.from(users, (u, a) => {
      const list = byUser.get(u)!;
      const before = new Set<number>();
      // the feedback is the same for every policy (policies only read it): made once per event
      const events: { j: number; target: number; part: number; random: number; before: Set<number>; slate: Omit<SlateFeedback, "weights"> }[] = [];
      for (const j of list) {
        const target = itemOf[r.movie[j]];
        // -1: tuning slice; 0: held out; 4: held out, a cold item
        const part = j < this.heldOutFrom ? -1 : this.itemRatings[target] < COLD_RATINGS ? 4 : 0;
        const candidates = items - this.rated[u].size - before.size;
        const random = candidates > 0 ? Math.min(o.k, candidates) / candidates : 0;
        if (windowOf.has(j)) {
          const slate = this.feedbackItems(u, target, before, items);
          const clicked = slate.map((i) => i === target);
          const rewards = Float64Array.from(clicked, (isTarget) => rewardOf(isTarget, isTarget && r.rating[j] >= o.purchase, o.policy.rewards));
          events.push({ j, target, part, random, before: new Set(before), slate: { user: u, round: b, scores: scores.slateScores(a, slate), rewards, clicked } });
        }
        before.add(target);
      }
      return { u, a, extra: list.length, events };
    });

    // users outer, policies inner: a user's rows are loaded into the blender once for all policies (each policy has
    // its own random stream, so the order of calls across policies changes nothing)
    const jitter = this.jitter.subarray(0, items);
    const feedback: SlateFeedback[][] = this.policies.map(() => []);
    for (const plan of plans) {
      this.blender.load(scores, plan.a, jitter);
      this.policies.forEach((policy, p) => {
        const t0 = performance.now();
        const tally = this.tallies[p];
        const pi = policy.weights({ round: b, user: plan.u });
        // top k, plus room for the items this batch rates before an event (no MMR: diversity 0)
        const ranked = this.blender.top(pi, o.k + plan.extra, this.rated[plan.u]);
        for (const e of plan.events) {
          const w = windowOf.get(e.j)!;
          let position = -1;
          for (let q = 0, shown = 0; q < ranked.length && shown < o.k; q++) {
            if (e.before.has(ranked[q])) continue;
            if (ranked[q] === e.target) position = shown;
            shown++;
          }
          tally.events[w]++;
          const gain = position >= 0 ? 1 / Math.log2(position + 2) : 0;
          if (position >= 0) {
            tally.hits[w]++;
            tally.ndcg[w] += gain;
          }
          for (let q = 0; q <= e.part; q += 4) {
            tally.parts[q]++;
            if (position >= 0) tally.parts[q + 1]++;
            tally.parts[q + 2] += gain;
            tally.parts[q + 3] += e.random;
          }
          for (let k = 0; k < K; k++) tally.weights[w * K + k] += pi[k];
          feedback[p].push({ ...e.slate, weights: pi });
        }
        tally.seconds += (performance.now() - t0) / 1000;
      });
    }
    this.policies.forEach((policy, p) => {
      const t0 = performance.now();
      policy.update(b, feedback[p]);
      this.tallies[p].seconds += (performance.now() - t0) / 1000;
    });
  }

  /**
   * The rated item and up to `negatives` distinct present items the user has not rated, drawn uniformly; the rated
   * item takes a random place, so that slate positions say nothing about the outcome.
   */
  private feedbackItems(u: number, target: number, before: Set<number>, items: number): number[] {
    const out = [target];
    const rated = this.rated[u];
    const stream = this.negativeStream;
    for (let tries = 0; out.length <= this.options.negatives && tries < 20 * this.options.negatives; tries++) {
      const i = stream.int(items);
      if (i !== target && !rated.has(i) && !before.has(i) && !out.includes(i)) out.push(i);
    }
    const q = stream.int(out.length);
    [out[0], out[q]] = [out[q], out[0]];
    return out;
  }

  run(onBatch?: (replay: Replay) => void): ReplayResult {
    while (!this.done) {
      this.step();
      onBatch?.(this);
    }
    return this.result();
  }

  result(): ReplayResult {
    const o = this.options;
    const K = o.components.length;
    const windows = this.windowList.length;
    const scores: ReplayScore[] = [];
    const weights: ReplayWeight[] = [];
    const summary: ReplaySummaryRow[] = [];
    const componentSeconds = Object.fromEntries(o.components.map((c, k) => [c, this.componentSeconds[k]]));
    o.policies.forEach((spec, p) => {
      const t = this.tallies[p];
      let events = 0;
      let hits = 0;
      let ndcg = 0;
      for (let w = 0; w < windows; w++) {
        const n = t.events[w];
        events += n;
        hits += t.hits[w];
        ndcg += t.ndcg[w];
        scores.push({ policy: spec.name, window: w, events: n, hit: n ? t.hits[w] / n : 0, ndcg: n ? t.ndcg[w] / n : 0 });
        for (let k = 0; k < K; k++) weights.push({ policy: spec.name, window: w, component: o.components[k], weight: n ? t.weights[w * K + k] / n : 0 });
      }
      const used = o.components.filter((c, k) => usedComponents(o.components, [spec])[k]);
      const seconds = t.seconds + used.reduce((s, c) => s + componentSeconds[c], 0);
      summary.push({ policy: spec.name, events, hit: events ? hits / events : 0, ndcg: events ? ndcg / events : 0, seconds });
    });
    const diagnostics = componentDiagnostics(this.components);
    const part = (q: number) =>
      o.policies.map((spec, p) => {
        const t = this.tallies[p].parts;
        const n = t[q];
        return { policy: spec.name, events: n, hit: n ? t[q + 1] / n : 0, ndcg: n ? t[q + 2] / n : 0, random: n ? t[q + 3] / n : 0 };
      });
    return {
      k: o.k,
      components: o.components.slice(),
      policies: o.policies.map((p) => p.name),
      ratings: this.progress,
      batches: this.batch,
      windows: this.windowList.map((w) => ({ ...w })),
      scores,
      weights,
      summary,
      heldOutFrom: this.heldOutFrom,
      heldOutStart: this.heldOutFrom < this.timeline.count ? this.data.ratings.timestamp[this.heldOutFrom] : NaN,
      heldOut: part(0),
      cold: part(4),
      built: this.built.slice(),
      componentSeconds,
      diagnostics,
    };
  }

  dispose(): void {
    for (const c of this.components) c.dispose();
    for (const p of this.policies) p.dispose();
    if (this.ownsNormaliser) this.normaliser.dispose();
  }
}

/** The share of the replay's ratings (the first ones) that settings are tuned on; the rest is the held-out part. */
export const TUNING_SHARE = 0.2;

/** The first rating after the tuning slice of a replay of `count` ratings. */
export function tuningSliceEnd(count: number): number {
  return Math.ceil(TUNING_SHARE * count);
}

/**
 * Each replay item's text: title, year and genres, and the tags users gave it within the tuning slice (the first
 * TUNING_SHARE of the ratings replayed): tags of later times would carry the held-out part's future into the items.
 */
export function replayItemTexts(data: MovieLensDataset, timeline: Timeline): string[] {
  const r = data.ratings;
  const last = timeline.count > 0 ? r.timestamp[Math.max(0, tuningSliceEnd(timeline.count) - 1)] : -Infinity;
  const tags = data.tags;
  let n = 0;
  while (n < tags.count && tags.timestamp[n] <= last) n++;
  const byMovie = tagsByMovie(data.movies.length, tags.movie.subarray(0, n), tags.tag.slice(0, n));
  return Array.from(timeline.movieOf, (m) => movieText(data.movies[m], byMovie[m].slice(0, 20)));
}

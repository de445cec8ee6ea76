import { blendFloat32 } from "../loop/blend.js";
import { buildComponents, componentDiagnostics, observeAll, scoringOrder } from "../loop/components.js";
import { scoreRound } from "../loop/score.js";
import { selectSlate } from "../loop/slate.js";
import { Stream } from "../random/stream.js";
import { DEFAULT_RANK_CONSTANT } from "../recommenders/normalise.js";
import type { Catalog, Impression, Recommender, TextEvent } from "../recommenders/recommender.js";
import { InThreadNormaliser } from "../recommenders/row-normaliser.js";
import { hashingEmbeddings } from "../simulation/text-model.js";
import type { SlateFeedback, WeightPolicy } from "../weighting/policy.js";
import { createPolicy } from "../weighting/registry.js";
import { rewardOf } from "../weighting/reward.js";
import type { MovieLensDataset } from "./dataset.js";
import { movieText } from "./item-text.js";
import { resolveReplayOptions, type ReplayOptions } from "./replay-config.js";
import { buildTimeline, type Timeline } from "./timeline.js";

export { DEFAULT_REPLAY_OPTIONS, type ReplayOptions } from "./replay-config.js";

export interface ReplayWindow {
  window: number;
  /** Timestamps (seconds) of the window's first and last positive event. */
  start: number;
  end: number;
  events: number;
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
  seconds: number;
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
  private readonly negativeStream: Stream;
  private readonly tallies: Tally[];
  private readonly componentSeconds: Float64Array;
  private readonly scoringOrder: number[];
  private readonly normaliser = new InThreadNormaliser();
  private readonly windowList: ReplayWindow[] = [];
  private positives = 0;
  private batch = 0;

  constructor(data: MovieLensDataset, options: Partial<ReplayOptions> = {}) {
    const o = (this.options = resolveReplayOptions(options));
    this.data = data;
    this.timeline = buildTimeline(data, o.limit, o.batchSize);
    const { movieOf, arrival } = this.timeline;
    const movies = Array.from(movieOf, (m) => data.movies[m]);
    this.catalog = { arrival, title: movies.map((m) => m.title), text: movies.map((m) => movieText(m)), users: data.userIds.length };
    const master = new Stream(o.seed);
    const embeddings = hashingEmbeddings(o.embeddingDim, this.catalog.text);
    this.components = buildComponents(o.components, {
      catalog: this.catalog,
      master,
      options: o.componentOptions,
      embeddings,
      encodeText: embeddings.encodeText,
    });
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
      seconds: 0,
    }));
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
        this.noteWindow(w, r.timestamp[j]);
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
    }
    const texts: TextEvent[] = [];
    const tags = this.data.tags;
    for (let t = this.timeline.tagStart[b]; t < this.timeline.tagStart[b + 1]; t++) {
      texts.push({ user: tags.user[t], round: b, kind: "review", text: tags.tag[t], item: itemOf[tags.movie[t]] });
    }
    observeAll(this.components, { round: b, impressions, texts }, this.componentSeconds);
  }

  private noteWindow(w: number, time: number): void {
    const list = this.windowList;
    if (list.length <= w) list.push({ window: w, start: time, end: time, events: 0 });
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
      const events: { j: number; target: number; before: Set<number>; items: number[] }[] = [];
      for (const j of list) {
        const target = itemOf[r.movie[j]];
        if (windowOf.has(j)) events.push({ j, target, before: new Set(before), items: this.feedbackItems(u, target, before, items) });
        before.add(target);
      }
      return { u, a, extra: list.length, events };
    });

    const blended = new Float32Array(items);
    this.policies.forEach((policy, p) => {
      const t0 = performance.now();
      const tally = this.tallies[p];
      const feedback: SlateFeedback[] = [];
      for (const plan of plans) {
        const pi = policy.weights({ round: b, user: plan.u });
        blended.set(this.jitter.subarray(0, items));
        blendFloat32(blended, scores, plan.a, pi);
        // top k, plus room for the items this batch rates before an event (no MMR: diversity 0)
        const ranked = selectSlate(blended, o.k + plan.extra, this.rated[plan.u], 0, 0);
        for (const e of plan.events) {
          const w = windowOf.get(e.j)!;
          let position = -1;
          for (let q = 0, shown = 0; q < ranked.length && shown < o.k; q++) {
            if (e.before.has(ranked[q])) continue;
            if (ranked[q] === e.target) position = shown;
            shown++;
          }
          tally.events[w]++;
          if (position >= 0) {
            tally.hits[w]++;
            tally.ndcg[w] += 1 / Math.log2(position + 2);
          }
          for (let k = 0; k < K; k++) tally.weights[w * K + k] += pi[k];
          const clicked = e.items.map((i) => i === e.target);
          const rewards = Float64Array.from(clicked, (isTarget) => rewardOf(isTarget, isTarget && r.rating[e.j] >= o.purchase, o.policy.rewards));
          feedback.push({ user: plan.u, round: b, scores: scores.slateScores(plan.a, e.items), rewards, clicked, weights: pi });
        }
      }
      policy.update(b, feedback);
      tally.seconds += (performance.now() - t0) / 1000;
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
      const used = o.components.filter((c) => spec.kind !== "static" || Object.keys(spec.weights).length === 0 || (spec.weights[c] ?? 0) > 0);
      const seconds = t.seconds + used.reduce((s, c) => s + componentSeconds[c], 0);
      summary.push({ policy: spec.name, events, hit: events ? hits / events : 0, ndcg: events ? ndcg / events : 0, seconds });
    });
    const diagnostics = componentDiagnostics(this.components);
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
      componentSeconds,
      diagnostics,
    };
  }

  dispose(): void {
    for (const c of this.components) c.dispose();
    for (const p of this.policies) p.dispose();
    this.normaliser.dispose();
  }
}

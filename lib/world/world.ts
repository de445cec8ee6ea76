import { Hasher } from "../util/hash.js";
import type { Stream } from "../random/stream.js";
import type { WorldConfig } from "./config.js";
import { generateItems, type Items } from "./items.js";
import { generateUsers, interestProfile, type Users } from "./users.js";
import { contextPhase, type Vocabulary } from "./topics.js";
import { examination, sigmoid } from "./behaviour.js";
import { queryPhrases, reviewParts } from "./text.js";
import { sayQuery, sayReview } from "./wording.js";

export interface Outcome {
  item: number;
  position: number;
  examined: boolean;
  clicked: boolean;
  purchased: boolean;
}

export interface UserText {
  user: number;
  round: number;
  kind: "query" | "review";
  text: string;
  /** The reviewed item (reviews only). */
  item?: number;
  /** Whether the review is positive (reviews only); the world's truth, not shown to recommenders. */
  positive?: boolean;
}

export interface DriftEvent {
  round: number;
  kind: "shift" | "trend";
  /** The user who switched (shift), or -1 for a global burst (trend). */
  user: number;
  topic: number;
}

export interface RoundState {
  round: number;
  /** Present items are ids [0, items). */
  items: number;
  users: number;
  active: Int32Array;
}

/** A prebuilt catalog and population (e.g. calibrated from MovieLens) that a world uses instead of generating them. */
export interface WorldSource {
  items: Items;
  users: Users;
}

function checkSource({ items, users }: WorldSource, config: WorldConfig): void {
  if (items.topics !== config.topics || items.count !== config.items || users.count !== config.users || users.logits.length !== users.count * config.topics) {
    throw new Error(`world source: ${items.count} items × ${items.topics} topics and ${users.count} users do not match world.items ${config.items}, world.topics ${config.topics}, world.users ${config.users}`);
  }
}

/**
 * The ground truth: items, users whose interests drift, and how users respond to slates.
 * Exogenous randomness (drift, activity, arrivals, per-impression behaviour draws) comes from streams that
 * never depend on what is recommended, so runs that differ only in policy see the same users.
 */
export class World {
  readonly config: WorldConfig;
  readonly vocabulary: Vocabulary;
  readonly rounds: number;
  readonly items: Items;
  readonly users: Users;
  readonly events: DriftEvent[] = [];
  readonly T: number;
  round = -1;
  state: RoundState = { round: -1, items: 0, users: 0, active: new Int32Array(0) };

  private readonly drift: Stream;
  private readonly activity: Stream;
  private readonly behaviour: Stream;
  private readonly textStream: Stream;
  /** How users word their queries and reviews (world.paraphrase): drawn apart, so wording moves no other draw. */
  private readonly wording: Stream;
  private readonly logits: Float64Array;
  private readonly centres: Float64Array;
  private readonly context: Float64Array;
  private readonly trend: Float64Array;
  private readonly bursts: { topic: number; start: number }[] = [];
  private readonly pull: Float64Array;
  private readonly sequence: Float64Array;
  private readonly satiation: Float64Array;
  private readonly theta: Float64Array;
  private readonly digest = new Hasher();
  /** The items' non-zero features (compressed rows, topics ascending): φ is sparse, so utility costs O(topics per item). */
  private readonly featureStart: Int32Array;
  private readonly featureTopic: Int32Array;
  private readonly featureValue: Float32Array;
  /** Each user's segment (world.segments), or null when segments are off. */
  readonly segment: Int32Array | null;
  /** Each user's weight on popularity in utility (world.popularityWeight, the segment's, plus a switch's change). */
  private readonly popularityWeight: Float64Array;
  private readonly trendWeight: Float64Array | null;
  private readonly activityWeight: Float64Array | null;
  private readonly basePopularityWeight: Float64Array;
  private utilityCache: { round: number; users: Int32Array; items: number; values: Float32Array } | null = null;

  constructor(config: WorldConfig, vocabulary: Vocabulary, rounds: number, master: Stream, source?: WorldSource) {
    this.config = config;
    this.vocabulary = vocabulary;
    this.rounds = rounds;
    this.T = config.topics;
    if (source) checkSource(source, config);
    this.items = source?.items ?? generateItems(config, vocabulary, rounds, master.fork("world/items"));
    this.users = source?.users ?? generateUsers(config, rounds, master.fork("world/users"));
    this.drift = master.fork("world/drift");
    this.activity = master.fork("world/activity");
    this.behaviour = master.fork("world/behaviour");
    this.textStream = master.fork("world/text");
    this.wording = master.fork("world/paraphrase");
    const seg = config.segments;
    if (seg && seg.share.length > 0) {
      const draw = master.fork("world/segments");
      this.segment = Int32Array.from({ length: this.users.count }, () => draw.categorical(seg.share));
      this.popularityWeight = Float64Array.from(this.segment, (s) => seg.popularityWeight[s]);
      this.trendWeight = Float64Array.from(this.segment, (s) => seg.trendWeight[s]);
      this.activityWeight = Float64Array.from(this.segment, (s) => seg.activityWeight[s]);
    } else {
      [this.segment, this.trendWeight, this.activityWeight] = [null, null, null];
      this.popularityWeight = new Float64Array(this.users.count).fill(config.popularityWeight);
    }
    this.basePopularityWeight = this.popularityWeight.slice();
    const n = this.users.count * this.T;
    this.logits = this.users.logits.slice();
    this.centres = this.users.centres.slice();
    this.pull = new Float64Array(n);
    this.sequence = new Float64Array(n);
    this.satiation = new Float64Array(n);
    this.theta = new Float64Array(n);
    this.context = new Float64Array(this.T);
    this.trend = new Float64Array(this.T);
    [this.featureStart, this.featureTopic, this.featureValue] = sparseRows(this.items.features, this.items.count, this.T);
    this.digest.numbers(this.items.features).numbers(this.items.quality).numbers(this.items.arrival).numbers(this.logits);
  }

  /** Hash of the exogenous trajectory so far: catalog, arrivals, active users and exogenous interests. */
  worldDigest(): string {
    return new Hasher().string(this.digest.hex64()).hex64();
  }

  presentItems(round: number): number {
    return countArrived(this.items.arrival, round);
  }

  presentUsers(round: number): number {
    return countArrived(this.users.arrival, round);
  }

  /** Move to the next round: drift, arrivals, and the draw of active users. */
  advance(): RoundState {
    const t = ++this.round;
    const users = this.presentUsers(t);
    if (t > 0) this.stepDrift(t, users);
    this.updateGlobalContext(t);
    const active: number[] = [];
    const p = this.config.activeFraction;
    const scale = this.activityWeight;
    for (let u = 0; u < users; u++) if (this.activity.next() < Math.min(1, p * this.users.activity[u] * (scale ? scale[u] : 1))) active.push(u);
    this.state = { round: t, items: this.presentItems(t), users, active: Int32Array.from(active) };
    this.digest.number(t).numbers(this.state.active).numbers(this.context).numbers(this.trend);
    for (const u of active) this.digest.numbers(this.logits.subarray(u * this.T, (u + 1) * this.T));
    for (let u = 0; u < users; u++) this.updateTheta(u);
    this.utilityCache = null;
    return this.state;
  }

  private stepDrift(t: number, users: number): void {
    const { drift } = this.config;
    const T = this.T;
    const gradual = drift.gradual;
    const shift = drift.shift;
    const scheduled = shift?.at.includes(t) ?? false;
    const switchProbability = shift ? 1 - Math.exp(-shift.rate) : 0;
    for (let u = 0; u < users; u++) {
      const z = this.logits.subarray(u * T, (u + 1) * T);
      const c = this.centres.subarray(u * T, (u + 1) * T);
      const top = shift ? this.exogenousTop(z) : -1;
      if (gradual) {
        for (let k = 0; k < T; k++) {
          c[k] += this.drift.normal(0, gradual.centreSd);
          z[k] += gradual.reversion * (c[k] - z[k]) + this.drift.normal(0, gradual.sd);
        }
      }
      if (shift) {
        const draw = this.drift.next();
        const switches = scheduled ? draw < shift.fraction : draw < switchProbability;
        if (switches) {
          const fresh = interestProfile(this.config, this.drift, top);
          z.set(fresh);
          c.set(fresh);
          this.pull.fill(0, u * T, (u + 1) * T);
          this.sequence.fill(0, u * T, (u + 1) * T);
          this.popularityWeight[u] = this.basePopularityWeight[u] + shift.popularityShift;
          if (shift.popularityShift !== 0) this.digest.number(u).number(this.popularityWeight[u]);
          this.events.push({ round: t, kind: "shift", user: u, topic: argmax(fresh) });
        }
      }
    }
    const trend = drift.trend;
    if (trend) {
      const born = this.drift.poisson(trend.rate) + (trend.at.includes(t) ? 1 : 0);
      for (let j = 0; j < born; j++) {
        const topic = this.drift.int(T);
        this.bursts.push({ topic, start: t });
        this.events.push({ round: t, kind: "trend", user: -1, topic });
      }
    }
    const decayOf = (d: { decay: number } | undefined) => d?.decay ?? 0;
    const sat = decayOf(drift.satiation);
    const seq = decayOf(drift.sequential);
    for (let j = 0; j < users * T; j++) {
      this.satiation[j] *= sat;
      this.sequence[j] *= seq;
    }
  }

  /**
   * The top topic of last round's exogenous interest (logits, context, trend). A switch moves away from it; it
   * leaves out the endogenous pull and chain, so what was recommended never changes a user's new interest.
   */
  private exogenousTop(z: Float64Array): number {
    let best = 0;
    for (let k = 1; k < this.T; k++) if (z[k] + this.context[k] + this.trend[k] > z[best] + this.context[best] + this.trend[best]) best = k;
    return best;
  }

  private updateGlobalContext(t: number): void {
    const { periodic, trend } = this.config.drift;
    for (let k = 0; k < this.T; k++) {
      this.context[k] = periodic
        ? periodic.amplitude * Math.cos(2 * Math.PI * (t / periodic.period - contextPhase(this.vocabulary.topics[k])))
        : 0;
      let boost = 0;
      if (trend) for (const b of this.bursts) if (b.topic === k && b.start <= t) boost += trend.amplitude * Math.exp(-(t - b.start) / trend.decay);
      this.trend[k] = boost;
    }
  }

  private updateTheta(u: number): void {
    const T = this.T;
    const o = u * T;
    let max = -Infinity;
    for (let k = 0; k < T; k++) {
      const trend = this.trendWeight ? this.trendWeight[u] * this.trend[k] : this.trend[k];
      const v = this.logits[o + k] + this.context[k] + trend + this.pull[o + k] + this.sequence[o + k];
      this.theta[o + k] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let k = 0; k < T; k++) sum += this.theta[o + k] = Math.exp(this.theta[o + k] - max);
    for (let k = 0; k < T; k++) this.theta[o + k] /= sum;
  }

  /** The user's current true interest θ_u(t) over topics (a copy). */
  interest(u: number): Float64Array {
    return this.theta.slice(u * this.T, (u + 1) * this.T);
  }

  /** Noise-free utility U_ui = s·θ_u·φ_i + q_i + w_pop·pop_i − satiation_u·φ_i. */
  utility(u: number, i: number): number {
    const o = u * this.T;
    const { quality, popularity } = this.items;
    const { featureTopic, featureValue } = this;
    let interest = 0;
    let tired = 0;
    for (let j = this.featureStart[i], end = this.featureStart[i + 1]; j < end; j++) {
      const f = featureValue[j];
      interest += this.theta[o + featureTopic[j]] * f;
      tired += this.satiation[o + featureTopic[j]] * f;
    }
    const popularityWeight = this.popularityWeight[u];
    return this.config.interestScale * interest + quality[i] + popularityWeight * popularity[i] - tired;
  }

  /** users.length × items noise-free utilities for the current round (cached for the round). */
  utilities(users: Int32Array, items: number): Float32Array {
    const c = this.utilityCache;
    if (c && c.round === this.round && c.users === users && c.items === items) return c.values;
    const values = new Float32Array(users.length * items);
    const { quality, popularity } = this.items;
    const { featureStart, featureTopic, featureValue, theta, satiation } = this;
    const scale = this.config.interestScale;
    for (let a = 0; a < users.length; a++) {
      const row = a * items;
      const o = users[a] * this.T;
      const weight = this.popularityWeight[users[a]];
      // the same arithmetic as utility(), inlined (this is the loop's hottest kernel): keep the two in step
      for (let i = 0; i < items; i++) {
        let interest = 0;
        let tired = 0;
        for (let j = featureStart[i], end = featureStart[i + 1]; j < end; j++) {
          const f = featureValue[j];
          interest += theta[o + featureTopic[j]] * f;
          tired += satiation[o + featureTopic[j]] * f;
        }
        values[row + i] = scale * interest + quality[i] + weight * popularity[i] - tired;
      }
    }
    this.utilityCache = { round: this.round, users, items, values };
    return values;
  }

  /**
   * The user's response to a slate. Every position consumes the same draws (examine, noise, click, purchase)
   * from a stream forked for this user and round, so responses never shift another user's randomness.
   */
  respond(u: number, slate: ArrayLike<number>): { outcomes: Outcome[]; texts: UserText[] } {
    const t = this.round;
    const stream = this.behaviour.fork(`${t}/${u}`);
    const b = this.config.behaviour;
    const outcomes: Outcome[] = [];
    const texts: UserText[] = [];
    const utilities: number[] = [];
    for (let p = 0; p < slate.length; p++) {
      const item = slate[p];
      const examineDraw = stream.next();
      const noise = stream.normal(0, b.noiseSd);
      const clickDraw = stream.next();
      const purchaseDraw = stream.next();
      const u0 = this.utility(u, item);
      utilities.push(u0);
      const utility = u0 + noise;
      const examined = examineDraw < examination(p, b);
      const clicked = examined && clickDraw < sigmoid(b.a * utility + b.b);
      const purchased = clicked && purchaseDraw < sigmoid(b.a * utility + b.b + b.purchaseOffset);
      outcomes.push({ item, position: p, examined, clicked, purchased });
    }
    for (const o of outcomes) {
      if (o.purchased && stream.next() < b.reviewRate) {
        const positive = stream.next() < sigmoid(b.a * utilities[o.position] + b.b + 2);
        const parts = reviewParts(this.items.mainTopic[o.item], positive, this.vocabulary, stream);
        const text = sayReview(parts, positive, this.vocabulary, this.config.paraphrase, this.wording.fork(`review/${t}/${u}/${o.item}`));
        texts.push({ user: u, round: t, kind: "review", text, item: o.item, positive });
      }
    }
    for (const o of outcomes) if (o.clicked) this.consume(u, o.item);
    return { outcomes, texts };
  }

  /** Search queries of this round's active users, drawn from their current interests. */
  queries(): UserText[] {
    const t = this.round;
    const out: UserText[] = [];
    for (const u of this.state.active) {
      const stream = this.textStream.fork(`${t}/${u}`);
      if (stream.next() < this.config.behaviour.queryRate) {
        const phrases = queryPhrases(this.interest(u), this.vocabulary, stream);
        const text = sayQuery(phrases, this.vocabulary, this.config.paraphrase, this.wording.fork(`query/${t}/${u}`));
        out.push({ user: u, round: t, kind: "query", text });
      }
    }
    return out;
  }

  /**
   * Endogenous effects of consuming an item: satiation, the filter-bubble pull, the next topic in the chain.
   * A switch of interest (shift drift) clears the user's pull and chain; satiation wears off on its own.
   */
  private consume(u: number, item: number): void {
    const T = this.T;
    const { satiation, feedback, sequential } = this.config.drift;
    for (let k = 0; k < T; k++) {
      const f = this.items.features[item * T + k];
      if (satiation) this.satiation[u * T + k] += satiation.strength * f;
      if (feedback) this.pull[u * T + k] += feedback.strength * f;
    }
    if (sequential) this.sequence[u * T + ((this.items.mainTopic[item] + 1) % T)] += sequential.strength;
  }
}

function sparseRows(dense: Float32Array, rows: number, columns: number): [Int32Array, Int32Array, Float32Array] {
  const start = new Int32Array(rows + 1);
  const topic: number[] = [];
  const value: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = dense[r * columns + c];
      if (v !== 0) {
        topic.push(c);
        value.push(v);
      }
    }
    start[r + 1] = topic.length;
  }
  return [start, Int32Array.from(topic), Float32Array.from(value)];
}

export function countArrived(arrival: Int32Array, round: number): number {
  let lo = 0;
  let hi = arrival.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arrival[mid] <= round) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

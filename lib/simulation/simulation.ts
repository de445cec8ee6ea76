import { createHashingEncoder } from "../encoders/hashing.js";
import { intraListDiversity, gini, novelty } from "../metrics/diversity.js";
import { rankingScores, topN } from "../metrics/ranking.js";
import { stepVolatility } from "../metrics/stability.js";
import { Stream } from "../random/stream.js";
import type { Impression, Recommender, TextEvent } from "../recommenders/recommender.js";
import { createRecommender } from "../recommenders/registry.js";
import { InThreadNormaliser, slotBuffer, type PendingRows, type RowNormaliser } from "../recommenders/row-normaliser.js";
import type { ScenarioConfig } from "../scenario/config.js";
import { validateScenario } from "../scenario/resolve.js";
import { ConfigError } from "../config/error.js";
import { rewardOf } from "../weighting/config.js";
import { assertFinite } from "../weighting/non-finite.js";
import type { SlateFeedback, WeightPolicy } from "../weighting/policy.js";
import { createPolicy, TRUTH_POLICIES } from "../weighting/registry.js";
import { expectedClicks } from "../world/behaviour.js";
import type { Vocabulary } from "../world/topics.js";
import { World, type Outcome, type WorldSource } from "../world/world.js";
import { emptyMetrics, type RoundMetrics } from "./metrics-row.js";
import { selectSlate } from "./slate.js";
import { createOracleWeightsHook, type RoundView } from "./oracle-weights-hook.js";
import { ProfileTracker } from "./profile-tracker.js";

export interface Embeddings {
  dim: number;
  vectors: Float32Array;
  /** The encoder that made the vectors, for event texts (queries, reviews): texts.length × dim. */
  encodeText?: (texts: string[]) => Float32Array;
  /** The encoder side's review-sentiment reader: probability that each text is positive. */
  sentiment?: (texts: string[]) => Float32Array;
}

/** One user's slate in detail, for teaching: what was shown, what happened, and who got the credit. */
export interface SlateTrace {
  user: number;
  items: number[];
  titles: string[];
  outcomes: Outcome[];
  rewards: number[];
  /** slate length × components normalised scores. */
  scores: number[][];
  credit: number[];
}

export interface RoundRecord {
  round: number;
  users: number;
  items: number;
  active: number;
  metrics: RoundMetrics;
  /** Global blend weights after this round's update, in component order. */
  weights: Float64Array;
  /** Weights the round was served with. */
  weightsBefore: Float64Array;
  trace?: SlateTrace;
  diagnostics: Record<string, number>;
}

export interface SimulationOptions {
  /** A prebuilt catalog and population (data.source other than synthetic, e.g. calibrateWorld for movielens). */
  source?: WorldSource;
  /** Item embeddings from an encoder; the built-in hashing encoder is used when absent. */
  embeddings?: Embeddings;
  /** Encodes texts (queries) into the space of `embeddings`; defaults to the hashing encoder when it made them. */
  encodeText?: (texts: string[]) => Float32Array;
  /** Keep a trace of the first served slate each round. */
  trace?: boolean;
  /**
   * Normalises the components' scores (e.g. on worker threads); the caller keeps it and disposes of it.
   * Default: in this thread. Results do not depend on it.
   */
  normaliser?: RowNormaliser;
}

/** The closed loop: a world, component recommenders, a weight policy, and the metrics of every round. */
export class Simulation {
  readonly config: ScenarioConfig;
  readonly world: World;
  readonly components: Recommender[];
  readonly policy: WeightPolicy;
  readonly names: string[];
  readonly embeddings: Embeddings;
  private readonly consumed: Set<number>[];
  private readonly interactions: Float64Array;
  private totalInteractions = 0;
  private readonly exposure: Float64Array;
  private readonly recommended = new Set<number>();
  private readonly trace: boolean;
  private readonly tieBreak: Stream;
  private readonly profiles: ProfileTracker;
  private view: RoundView | null = null;
  private readonly normaliser: RowNormaliser;
  private readonly ownsNormaliser: boolean;
  /** Per component, the normalised row of a user-independent component repeated for every active user. */
  private readonly repeated: Float32Array[] = [];
  private readonly blended: Float64Array;
  private readonly jitter: Float64Array;
  private readonly interactionsBefore: Float64Array;
  /**
   * The order components are scored in: dense per-user ones first, then sparse ones, then user-independent ones,
   * so that the normaliser (on another thread, say) starts on the costly rows while the cheap ones are scored.
   * Components share no state, so the order changes no result.
   */
  private readonly scoringOrder: number[];

  constructor(config: ScenarioConfig, vocabulary: Vocabulary, options: SimulationOptions = {}) {
    validateScenario(config);
    this.config = config;
    const master = new Stream(config.run.seed);
    if (config.data.source !== "synthetic" && !options.source) {
      throw new ConfigError(`data.source: '${config.data.source}' needs its data loaded (the command line's --data DIR; see drift-lab data fetch ${config.data.source})`);
    }
    this.world = new World(config.world, vocabulary, config.run.rounds, master, options.source);
    const { items } = this.world;
    const hashing = options.embeddings ? undefined : createHashingEncoder({ dim: config.encoder.dim });
    this.embeddings = options.embeddings ?? { dim: config.encoder.dim, vectors: hashing!.encodeSync(items.text) };
    const encodeText = options.encodeText ?? options.embeddings?.encodeText ?? hashing?.encodeSync;
    if (this.embeddings.vectors.length !== items.count * this.embeddings.dim) {
      throw new Error(`embeddings: expected ${items.count} × ${this.embeddings.dim} values, got ${this.embeddings.vectors.length}`);
    }
    const catalog = { arrival: items.arrival, title: items.title, text: items.text, users: this.world.users.count };
    const world = this.world;
    this.names = config.recommender.components.slice();
    this.components = this.names.map((name) =>
      createRecommender(name, {
        catalog,
        stream: master.fork(`recommender/${name}`),
        options: config.recommender.options[name] ?? {},
        truth: name === "oracle" ? { utilities: (u, n) => world.utilities(u, n) } : undefined,
        embeddings: this.embeddings,
        encodeText,
        sentiment: options.embeddings?.sentiment,
      }),
    );
    const oracle = TRUTH_POLICIES.includes(config.policy.kind)
      ? createOracleWeightsHook(() => this.view!, config.recommender, config.world.behaviour, this.embeddings)
      : undefined;
    this.policy = createPolicy(this.names, config.policy, { users: this.world.users.count, stream: master.fork(`policy/${config.policy.kind}`), oracle });
    this.profiles = new ProfileTracker(this.world.users.count, this.embeddings, config.policy.profile);
    this.consumed = Array.from({ length: this.world.users.count }, () => new Set<number>());
    this.interactions = new Float64Array(items.count);
    this.exposure = new Float64Array(items.count);
    this.trace = options.trace ?? false;
    this.tieBreak = master.fork("policy/tie-break");
    this.ownsNormaliser = !options.normaliser;
    this.normaliser = options.normaliser ?? new InThreadNormaliser();
    // Float64: a 1e-6 tie-break must survive being added to scores near 1 (float32 spacing there is 6e-8).
    this.blended = new Float64Array(items.count);
    this.jitter = new Float64Array(items.count);
    this.interactionsBefore = new Float64Array(items.count);
    const rank = (c: Recommender) => (c.userIndependent ? 2 : c.sparse ? 1 : 0);
    this.scoringOrder = this.components.map((_, k) => k).sort((a, b) => rank(this.components[a]) - rank(this.components[b]) || a - b);
  }

  get round(): number {
    return this.world.round;
  }

  get done(): boolean {
    return this.world.round + 1 >= this.config.run.rounds;
  }

  step(): RoundRecord {
    const { recommender, policy: policyConfig, world: worldConfig } = this.config;
    const state = this.world.advance();
    const { round, active, items } = state;
    const K = this.components.length;
    const n = active.length;
    const pending: PendingRows[] = [];
    for (const k of this.scoringOrder) {
      const c = this.components[k];
      const raw = c.score({ round, users: active, items });
      // a user-independent component's first row is normalised once and repeated below
      const once = c.userIndependent && n > 0;
      pending[k] = this.normaliser.submit(raw, once ? 1 : n, items, recommender.normalisation, recommender.rankConstant, k);
    }
    const truth = this.world.utilities(active, items);
    const weightsBefore = this.policy.global().slice();
    const feedback: SlateFeedback[] = [];
    const impressions: Impression[] = [];
    const texts: TextEvent[] = this.world.queries().map(({ user, round, kind, text }) => ({ user, round, kind, text }));
    const m = emptyMetrics();
    let clicks = 0;
    let purchases = 0;
    let shown = 0;
    let firstTrace: SlateTrace | undefined;
    const blended = this.blended.subarray(0, items);
    const jitter = this.jitter.subarray(0, items);
    for (let i = 0; i < items; i++) jitter[i] = 1e-6 * this.tieBreak.next();
    const T = this.world.T;
    const interactionsBefore = this.interactionsBefore.subarray(0, items);
    interactionsBefore.set(this.interactions.subarray(0, items));
    const totalBefore = this.totalInteractions;
    const normalised = pending.map((p, k) => {
      const result = p.result();
      if (!this.components[k].userIndependent || n === 0) return result;
      const out = slotBuffer(this.repeated, k, n * items);
      for (let a = 0; a < n; a++) out.set(result, a * items);
      return out;
    });
    this.view = { active, items, normalised, truth, consumed: this.consumed };
    const slates: number[][] = [];
    for (let a = 0; a < n; a++) {
      const u = active[a];
      const pi = this.policy.weights({ round, user: u });
      blend(blended, jitter, this.tieBreak.int(items), normalised, pi, a * items);
      const consumed = this.consumed[u];
      const slate = selectSlate(blended, recommender.k, consumed, recommender.diversity, recommender.pool, this.embeddings);
      slates.push(slate);
      const { outcomes, texts: written } = this.world.respond(u, slate);
      const rewards = new Float64Array(slate.length);
      const scores = new Float32Array(slate.length * K);
      outcomes.forEach((o, p) => {
        rewards[p] = rewardOf(o.clicked, o.purchased, policyConfig.rewards);
        for (let k = 0; k < K; k++) scores[p * K + k] = normalised[k][a * items + o.item];
        impressions.push({ user: u, item: o.item, round, position: p, clicked: o.clicked, purchased: o.purchased, reward: rewards[p] });
        if (o.clicked) clicks++;
        if (o.purchased) purchases++;
        this.exposure[o.item]++;
        this.recommended.add(o.item);
      });
      shown += slate.length;
      for (const w of written) texts.push({ user: w.user, round: w.round, kind: w.kind, text: w.text, item: w.item });
      feedback.push({ user: u, round, scores, rewards, clicked: outcomes.map((o) => o.clicked), weights: pi });

      const utilities = truth.subarray(a * items, (a + 1) * items);
      const best = topN(utilities, Math.max(worldConfig.relevantN, recommender.k), consumed);
      const relevant = new Set(best.slice(0, worldConfig.relevantN));
      const s = rankingScores(slate, relevant, recommender.k);
      m.precision += s.precision;
      m.recall += s.recall;
      m.ndcg += s.ndcg;
      m.map += s.map;
      m.hit_rate += s.hit;
      const ideal = best.slice(0, recommender.k);
      m.regret +=
        expectedClicks(ideal.map((i) => utilities[i]), worldConfig.behaviour) -
        expectedClicks(slate.map((i) => utilities[i]), worldConfig.behaviour);
      m.ild += intraListDiversity(slate, this.world.items.features, T);
      m.novelty += novelty(slate, interactionsBefore, totalBefore);
      if (this.trace && !firstTrace) {
        firstTrace = {
          user: u,
          items: slate,
          titles: slate.map((i) => this.world.items.title[i]),
          outcomes,
          rewards: Array.from(rewards),
          scores: slate.map((_, p) => Array.from(scores.subarray(p * K, (p + 1) * K))),
          credit: [],
        };
      }
      for (const o of outcomes) {
        if (o.clicked) {
          consumed.add(o.item);
          this.interactions[o.item]++;
          this.totalInteractions++;
        }
      }
    }
    if (n > 0) for (const key of ["precision", "recall", "ndcg", "map", "hit_rate", "regret", "ild", "novelty"] as const) m[key] /= n;
    m.ctr = shown > 0 ? clicks / shown : 0;
    m.conversion = clicks > 0 ? purchases / clicks : 0;
    m.coverage = items > 0 ? [...this.recommended].filter((i) => i < items).length / items : 0;
    m.gini = gini(this.exposure.subarray(0, items));
    const credits = this.policy.update(round, feedback);
    this.view = null;
    if (firstTrace && credits.length) firstTrace.credit = Array.from(credits[0]);
    m.tracking_error = this.profiles.observe(feedback, slates, items, {
      features: this.world.items.features,
      topics: T,
      interest: (u) => this.world.interest(u),
    });
    const weights = this.policy.global().slice();
    assertFinite(weights, this.names, round);
    m.volatility = stepVolatility(weightsBefore, weights);
    const events = { round, impressions, texts };
    for (const c of this.components) c.observe(events);
    const diagnostics: Record<string, number> = {};
    this.components.forEach((c) => {
      for (const [key, value] of Object.entries(c.diagnostics?.() ?? {})) diagnostics[`${c.name}.${key}`] = value;
    });
    return { round, users: state.users, items, active: n, metrics: m, weights, weightsBefore, trace: firstTrace, diagnostics };
  }

  dispose(): void {
    for (const c of this.components) c.dispose();
    this.policy.dispose();
    if (this.ownsNormaliser) this.normaliser.dispose();
  }
}

/**
 * blended[i] = jitter rotated by `offset` (jitter[(i + offset) mod items]), plus Σ_k weights[k]·rows[k][from + i]
 * added in component order, each sum rounded to float64: one pass over the items for every component pair.
 */
function blend(blended: Float64Array, jitter: Float64Array, offset: number, rows: Float32Array[], weights: ArrayLike<number>, from: number): void {
  const items = blended.length;
  blended.set(jitter.subarray(offset));
  blended.set(jitter.subarray(0, offset), items - offset);
  const K = rows.length;
  let k = 0;
  for (; k + 2 <= K; k += 2) {
    const r0 = rows[k];
    const r1 = rows[k + 1];
    const w0 = weights[k];
    const w1 = weights[k + 1];
    for (let i = 0; i < items; i++) blended[i] = blended[i] + w0 * r0[from + i] + w1 * r1[from + i];
  }
  if (k < K) {
    const r = rows[k];
    const w = weights[k];
    for (let i = 0; i < items; i++) blended[i] += w * r[from + i];
  }
}

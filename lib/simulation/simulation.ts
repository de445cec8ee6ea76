import type { LlmClient } from "../llm/client.js";
import { blend, tieBreak } from "../loop/blend.js";
import { buildComponents, componentDiagnostics, observeAll, scoringOrder } from "../loop/components.js";
import { scoreRound, type RoundScores } from "../loop/score.js";
import { selectSlate } from "../loop/slate.js";
import { stepVolatility } from "../metrics/stability.js";
import { Stream } from "../random/stream.js";
import type { Impression, Recommender, TextEvent } from "../recommenders/recommender.js";
import { InThreadNormaliser, type RowNormaliser } from "../recommenders/row-normaliser.js";
import type { ScenarioConfig } from "../scenario/config.js";
import { validateScenario } from "../scenario/resolve.js";
import { ConfigError } from "../config/error.js";
import { meanRow } from "../weighting/credit.js";
import { assertFinite } from "../weighting/non-finite.js";
import type { SlateFeedback, WeightPolicy } from "../weighting/policy.js";
import { createPolicy, TRUTH_POLICIES } from "../weighting/registry.js";
import type { RuleState } from "../weighting/rules/index.js";
import { DEFAULT_DRIFT_PARAMETERS } from "../world/config.js";
import type { Vocabulary } from "../world/topics.js";
import { World, type Outcome, type WorldSource } from "../world/world.js";
import type { RoundMetrics } from "./metrics-row.js";
import { createOracleWeightsHook, type RoundView } from "./oracle-weights-hook.js";
import { FeedbackRewards } from "./feedback-rewards.js";
import { ProfileTracker, type ProfileSource } from "./profile-tracker.js";
import { RoundTally } from "./round-tally.js";
import { readTexts, type ReviewReading, type TextReading } from "./text-reading.js";
import { hashingTextModel, type Embeddings } from "./text-model.js";

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
  /** The user's queries and reviews of the round (else the round's first of each), and what the text model made of them. */
  texts: TextReading[];
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
  /**
   * The credit per component the policy learned from this round: the mean over all the round's slates (absent when
   * no user was active). The global learner of an update rule steps w toward it.
   */
  credit?: Float64Array;
  /** An update-rule policy at the global level: its rule's state before and after this round's update. */
  rule?: { before: RuleState; after: RuleState };
  trace?: SlateTrace;
  diagnostics: Record<string, number>;
}

export interface SimulationOptions {
  /** A prebuilt catalog and population (data.source other than synthetic, e.g. calibrateWorld for movielens). */
  source?: WorldSource;
  /**
   * The run's text model (item vectors, event-text encoder, sentiment reader). Default: hashingTextModel, the
   * model drift-lab run builds for encoder.kind hashing (it trains the sentiment reader: a TensorFlow.js backend
   * must be ready). Other encoders need theirs passed (cli/embeddings.ts loads them).
   */
  embeddings?: Embeddings;
  /** Keep a trace of the first served slate each round. */
  trace?: boolean;
  /**
   * Normalises the components' scores (e.g. on worker threads); the caller keeps it and disposes of it.
   * Default: in this thread. Results do not depend on it.
   */
  normaliser?: RowNormaliser;
  /** Answers the calls of `policy.kind=llm` (a backend, or a transcript). */
  llm?: LlmClient;
}

/**
 * The closed loop: a world, component recommenders, a weight policy, and the metrics of every round. A round goes
 * through the phases of lib/loop/ (score, blend, serve, learn), as the replay's batches do.
 */
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
  private readonly feedbackRewards: FeedbackRewards;
  private view: RoundView | null = null;
  private readonly normaliser: RowNormaliser;
  private readonly ownsNormaliser: boolean;
  private readonly blended: Float64Array;
  private readonly jitter: Float64Array;
  private readonly interactionsBefore: Float64Array;
  private readonly scoringOrder: number[];
  /** The global π after the latest round (null before the first). */
  private latest: Float64Array | null = null;

  constructor(config: ScenarioConfig, vocabulary: Vocabulary, options: SimulationOptions = {}) {
    validateScenario(config);
    this.config = config;
    const master = new Stream(config.run.seed);
    if (config.data.source !== "synthetic" && !options.source) {
      throw new ConfigError(`data.source: '${config.data.source}' needs its data loaded (the command line's --data DIR; see drift-lab data fetch ${config.data.source})`);
    }
    this.world = new World(config.world, vocabulary, config.run.rounds, master, options.source);
    const { items } = this.world;
    if (!options.embeddings && config.encoder.kind !== "hashing") {
      throw new ConfigError(`encoder.kind: '${config.encoder.kind}' needs its text model loaded (drift-lab run loads it; from code, pass options.embeddings)`);
    }
    this.embeddings = options.embeddings ?? hashingTextModel(config, vocabulary, items);
    if (this.embeddings.vectors.length !== items.count * this.embeddings.dim) {
      throw new Error(`embeddings: expected ${items.count} × ${this.embeddings.dim} values, got ${this.embeddings.vectors.length}`);
    }
    const world = this.world;
    this.names = config.recommender.components.slice();
    this.components = buildComponents(this.names, {
      catalog: { arrival: items.arrival, title: items.title, text: items.text, users: world.users.count },
      master,
      options: config.recommender.options,
      truth: { utilities: (u, n) => world.utilities(u, n) },
      embeddings: this.embeddings,
      encodeText: this.embeddings.encodeText,
      sentiment: this.embeddings.sentiment,
      profile: config.policy.profile,
    });
    const oracle = TRUTH_POLICIES.includes(config.policy.kind)
      ? createOracleWeightsHook(() => this.view!, config.recommender, config.world.behaviour, this.embeddings)
      : undefined;
    const llm = options.llm && {
      client: options.llm,
      rounds: config.run.rounds,
      roundsPerDay: config.world.drift.periodic?.period ?? DEFAULT_DRIFT_PARAMETERS.periodic.period,
      title: (item: number) => world.items.title[item],
      sentiment: this.embeddings.sentiment,
    };
    this.policy = createPolicy(this.names, config.policy, { users: world.users.count, stream: master.fork(`policy/${config.policy.kind}`), oracle, llm });
    this.profiles = new ProfileTracker(this.embeddings, (this.components.find((c) => c.profile) as ProfileSource | undefined) ?? null);
    this.feedbackRewards = new FeedbackRewards(world.users.count, config.policy.rewards, this.embeddings.sentiment);
    this.consumed = Array.from({ length: world.users.count }, () => new Set<number>());
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
    this.scoringOrder = scoringOrder(this.components);
  }

  get round(): number {
    return this.world.round;
  }

  get done(): boolean {
    return this.world.round + 1 >= this.config.run.rounds;
  }

  /** The global blend weights π now (a copy): the starting weights, then those after the latest round. */
  globalWeights(): Float64Array {
    return (this.latest ?? this.policy.global()).slice();
  }

  /**
   * The blend weights the policy would serve `user` now (for a bandit that serves one drawn component, the
   * distribution it draws from), without drawing or changing anything.
   */
  userWeights(user: number): Float64Array {
    return this.policy.peek({ round: this.world.round, user }).slice();
  }

  /**
   * A user's profile weights (estimated interest in item-embedding space, the content component's profile), or null
   * before any evidence about the user or when no component keeps profiles.
   */
  profile(user: number): Float64Array | null {
    const p = this.profiles.profile(user);
    return p ? Float64Array.from(p) : null;
  }

  step(): RoundRecord {
    const { recommender } = this.config;
    const state = this.world.advance();
    const { round, active, items } = state;
    const n = active.length;
    const scoring = scoreRound(this.components, this.scoringOrder, { round, users: active, items }, this.normaliser, recommender);
    const truth = this.world.utilities(active, items);
    this.policy.begin?.(round);
    const weightsBefore = this.policy.global().slice();
    const texts: TextEvent[] = this.world.queries().map(({ user, round, kind, text }) => ({ user, round, kind, text }));
    const jitter = this.jitter.subarray(0, items);
    for (let i = 0; i < items; i++) jitter[i] = 1e-6 * this.tieBreak.next();
    const interactionsBefore = this.interactionsBefore.subarray(0, items);
    interactionsBefore.set(this.interactions.subarray(0, items));
    const tally = new RoundTally(recommender.k, this.config.world, this.world.items.features, this.world.T, interactionsBefore, this.totalInteractions);
    const scores = scoring.result();
    this.view = { active, scores, truth, consumed: this.consumed };
    const feedback: SlateFeedback[] = [];
    const impressions: Impression[] = [];
    let firstTrace: SlateTrace | undefined;
    const readings: ReviewReading[] = [];
    let negativeReviews = 0;
    let weakClicks = 0;
    for (let a = 0; a < n; a++) {
      const served = this.serve(round, active[a], a, scores, truth.subarray(a * items, (a + 1) * items), tally);
      feedback.push(served.feedback);
      impressions.push(...served.impressions);
      texts.push(...served.texts);
      negativeReviews += served.read.negativeReviews;
      weakClicks += served.read.weakClicks;
      if (this.trace) for (const r of served.read.reviews) readings.push({ ...r, user: active[a] });
      if (this.trace && !firstTrace) firstTrace = this.slateTrace(served.feedback, served.slate, served.outcomes);
    }
    const m = tally.finish(items, this.recommended, this.exposure);
    m.negative_reviews = negativeReviews;
    m.weak_clicks = weakClicks;
    const events = { round, impressions, texts };
    this.policy.observe?.(events);
    const ruleBefore = this.policy.ruleState?.();
    const credits = this.policy.update(round, feedback);
    const ruleAfter = this.policy.ruleState?.();
    this.view = null;
    if (firstTrace && credits.length) firstTrace.credit = Array.from(credits[0]);
    if (firstTrace) {
      firstTrace.texts = readTexts(firstTrace.user, texts, readings, this.embeddings.encodeText, this.embeddings, items, this.world.items.text);
    }
    m.tracking_error = this.profiles.observe(Array.from(active), items, {
      features: this.world.items.features,
      topics: this.world.T,
      interest: (u) => this.world.interest(u),
    });
    const weights = this.policy.global().slice();
    assertFinite(weights, this.names, round);
    this.latest = weights.slice();
    m.volatility = stepVolatility(weightsBefore, weights);
    observeAll(this.components, events);
    const diagnostics = componentDiagnostics(this.components);
    const credit = credits.length ? meanRow(credits, this.names.length) : undefined;
    const rule = ruleBefore && ruleAfter ? { before: ruleBefore, after: ruleAfter } : undefined;
    return { round, users: state.users, items, active: n, metrics: m, weights, weightsBefore, credit, rule, trace: firstTrace, diagnostics };
  }

  /**
   * Phases 3 and 4 for one active user: blend the components' scores with the policy's weights (plus a tie-break),
   * serve the slate (top k unseen, or MMR), and record what the user did.
   */
  private serve(round: number, user: number, a: number, scores: RoundScores, utilities: Float32Array, tally: RoundTally) {
    const { recommender } = this.config;
    const items = scores.items;
    const blended = this.blended.subarray(0, items);
    const pi = this.policy.weights({ round, user });
    tieBreak(blended, this.jitter.subarray(0, items), this.tieBreak.int(items));
    blend(blended, scores, a, pi);
    const consumed = this.consumed[user];
    const slate = selectSlate(blended, recommender.k, consumed, recommender.diversity, recommender.pool, this.embeddings);
    const { outcomes, texts: written } = this.world.respond(user, slate);
    const read = this.feedbackRewards.slate(user, outcomes, written);
    const rewards = read.rewards;
    const impressions: Impression[] = outcomes.map((o, p) => {
      this.exposure[o.item]++;
      this.recommended.add(o.item);
      return { user, item: o.item, round, position: p, clicked: o.clicked, purchased: o.purchased, reward: rewards[p] };
    });
    const texts: TextEvent[] = written.map((w) => ({ user: w.user, round: w.round, kind: w.kind, text: w.text, item: w.item }));
    const scoresOfSlate = scores.slateScores(a, slate);
    const feedback: SlateFeedback = { user, round, scores: scoresOfSlate, rewards, clicked: outcomes.map((o) => o.clicked), weights: pi };
    tally.add(slate, outcomes, utilities, consumed);
    for (const o of outcomes) {
      if (o.clicked) {
        consumed.add(o.item);
        this.interactions[o.item]++;
        this.totalInteractions++;
      }
    }
    return { slate, outcomes, feedback, impressions, texts, read };
  }

  /** The first served slate of a round in detail (credit is filled in after the policy's update). */
  private slateTrace(f: SlateFeedback, slate: number[], outcomes: Outcome[]): SlateTrace {
    const K = this.components.length;
    return {
      user: f.user,
      items: slate,
      titles: slate.map((i) => this.world.items.title[i]),
      outcomes,
      rewards: Array.from(f.rewards),
      scores: slate.map((_, p) => Array.from(f.scores.subarray(p * K, (p + 1) * K))),
      credit: [],
      texts: [],
    };
  }

  /** Resolves when the policy's call after the last round is answered (llm through a live backend); else undefined. */
  settle(): Promise<void> | undefined {
    return this.policy.settle?.();
  }

  dispose(): void {
    for (const c of this.components) c.dispose();
    this.policy.dispose();
    if (this.ownsNormaliser) this.normaliser.dispose();
  }
}

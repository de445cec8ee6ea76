/** Parameters of the simulated world. Every field has a documented default in DEFAULT_WORLD_CONFIG. */
export interface GradualDrift {
  /** Mean reversion κ of the Ornstein–Uhlenbeck walk toward the user's centre, per round. */
  reversion: number;
  /** Standard deviation of the walk's per-round step (logit units). */
  sd: number;
  /** Standard deviation of the centre's own per-round random walk. */
  centreSd: number;
}
export interface ShiftDrift {
  /** Poisson rate of spontaneous switches per user per round. */
  rate: number;
  /** Rounds at which a scheduled switch happens. */
  at: number[];
  /** Share of users that switch at a scheduled round. */
  fraction: number;
  /**
   * Added to a user's popularity weight once they have switched (0: unchanged). Negative: the switch also turns
   * the user away from the mainstream, so a blend that leaned on popularity must move its weights to recover.
   */
  popularityShift: number;
}
export interface PeriodicDrift {
  /** Length of the context cycle in rounds (e.g. a day). */
  period: number;
  /** Logit boost of a topic at the peak of its context. */
  amplitude: number;
}
export interface TrendDrift {
  /** Poisson rate of new global bursts per round. */
  rate: number;
  /** Logit boost of the hot topic when the burst starts. */
  amplitude: number;
  /** Rounds for the boost to fall by a factor e. */
  decay: number;
  /** Rounds at which a burst is scheduled, in addition to random ones. */
  at: number[];
}
export interface SatiationDrift {
  /** Utility lost per unit of a topic consumed. */
  strength: number;
  /** Share of satiation left after one round. */
  decay: number;
}
export interface FeedbackDrift {
  /** Logit pulled toward a consumed item's topics per click. */
  strength: number;
}
export interface SequentialDrift {
  /** Logit boost of the next topic in the chain after a click. */
  strength: number;
  /** Share of the boost left after one round. */
  decay: number;
}
export interface DriftConfig {
  gradual?: GradualDrift;
  shift?: ShiftDrift;
  periodic?: PeriodicDrift;
  trend?: TrendDrift;
  satiation?: SatiationDrift;
  feedback?: FeedbackDrift;
  sequential?: SequentialDrift;
}

export interface BehaviourConfig {
  /** Examination probability at slate position p (0-based) is 1 / (p + 1)^examinationDecay. */
  examinationDecay: number;
  /** Click probability σ(a·U + b). */
  a: number;
  b: number;
  /** A click becomes a purchase with probability σ(a·U + b + purchaseOffset). */
  purchaseOffset: number;
  /** Standard deviation of the per-impression utility noise. */
  noiseSd: number;
  /** Probability that an active user issues a search query in a round. */
  queryRate: number;
  /** Probability that a purchase is followed by a review. */
  reviewRate: number;
}

/**
 * User segments: groups of users who weigh items differently (the world's truth; recommenders never see them).
 * Off while `share` is empty (the default). Each user joins segment s with probability share[s] (normalised),
 * drawn from its own stream (world/segments), so switching segments on changes no other draw. Per segment,
 * popularityWeight[s] replaces world.popularityWeight in the user's utility (negative: a niche taste that avoids
 * the mainstream), trendWeight[s] scales how much the user feels a trend burst (0: not at all), and
 * activityWeight[s] scales the user's chance to be active in a round (casual vs heavy users).
 */
export interface SegmentsConfig {
  share: number[];
  popularityWeight: number[];
  trendWeight: number[];
  activityWeight: number[];
}

export interface WorldConfig {
  /** Number of latent topics T (at most the number of topics shipped in data/topics.json). */
  topics: number;
  users: number;
  items: number;
  /** Share of users present at round 0; the rest arrive uniformly over the run (cold start). */
  initialUsers: number;
  /** Share of items present at round 0; the rest arrive uniformly over the run (cold start). */
  initialItems: number;
  /** Expected share of present users active in a round. */
  activeFraction: number;
  /** Largest number of topics in an item's mixture. */
  topicsPerItem: number;
  qualitySd: number;
  /** σ of the log-normal popularity prior; its standardised log enters utility with popularityWeight. */
  popularitySigma: number;
  popularityWeight: number;
  /** Number of favourite topics a user starts with, and their logit boost. */
  favouriteTopics: number;
  concentration: number;
  /** Utility scale: U = interestScale·θ·φ + q + … */
  interestScale: number;
  /** An item is relevant to a user when its noise-free utility ranks in the user's top relevantN. */
  relevantN: number;
  /**
   * Paraphrase rate ρ in [0, 1]: how often users' words differ from the catalogue's. Each catalogue phrase of a
   * query or review is replaced by an everyday wording with probability ρ, and each review is written free-form
   * (polarity words, intensifiers, negation) with probability ρ. 0: users write in catalogue words (the world
   * before paraphrase, draw for draw). Item descriptions always use catalogue words.
   */
  paraphrase: number;
  drift: DriftConfig;
  behaviour: BehaviourConfig;
  segments: SegmentsConfig;
}

export const DEFAULT_BEHAVIOUR: BehaviourConfig = {
  examinationDecay: 0.7,
  a: 8,
  b: -4,
  purchaseOffset: -1,
  noiseSd: 0.05,
  queryRate: 0.3,
  reviewRate: 0.5,
};

export const DEFAULT_DRIFT_PARAMETERS: Required<DriftConfig> = {
  gradual: { reversion: 0.05, sd: 0.15, centreSd: 0.05 },
  shift: { rate: 0, at: [], fraction: 1, popularityShift: 0 },
  periodic: { period: 24, amplitude: 1.5 },
  trend: { rate: 0.03, amplitude: 3, decay: 12, at: [] },
  satiation: { strength: 0.3, decay: 0.7 },
  feedback: { strength: 0.15 },
  sequential: { strength: 3, decay: 0.3 },
};

export const DEFAULT_WORLD_CONFIG: WorldConfig = {
  topics: 12,
  users: 300,
  items: 1000,
  initialUsers: 1,
  initialItems: 0.8,
  activeFraction: 0.2,
  topicsPerItem: 2,
  qualitySd: 0.2,
  popularitySigma: 1,
  popularityWeight: 0.2,
  favouriteTopics: 2,
  concentration: 3,
  interestScale: 1,
  relevantN: 20,
  paraphrase: 0.5,
  drift: {},
  behaviour: DEFAULT_BEHAVIOUR,
  segments: { share: [], popularityWeight: [], trendWeight: [], activityWeight: [] },
};

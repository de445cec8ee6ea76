import { ANY, integer, kindDefaults, defaults, number, numbers, section, toggles, type ValueOf } from "../config/fields.js";

/** Parameters of the simulated world (`world.*`): each field's default, range and meaning. */

const GRADUAL = section({
  reversion: number(0.05, [0, 1], "Mean reversion κ of the Ornstein–Uhlenbeck walk toward the user's centre, per round."),
  sd: number(0.15, [0, 10], "Standard deviation of the walk's per-round step (logit units)."),
  centreSd: number(0.05, [0, 10], "Standard deviation of the centre's own per-round random walk."),
});

const SHIFT = section({
  rate: number(0, [0, 10], "Poisson rate of spontaneous switches per user per round."),
  at: numbers([], "Rounds at which a scheduled switch happens."),
  fraction: number(1, [0, 1], "Share of users that switch at a scheduled round."),
  popularityShift: number(
    0,
    ANY,
    "Added to a user's popularity weight once they have switched (0: unchanged). Negative: the switch also turns the user away from the mainstream, so a blend that leaned on popularity must move its weights to recover.",
  ),
});

const PERIODIC = section({
  period: number(24, [1, 1e6], "Length of the context cycle in rounds (e.g. a day)."),
  amplitude: number(1.5, ANY, "Logit boost of a topic at the peak of its context."),
});

const TREND = section({
  rate: number(0.03, [0, 10], "Poisson rate of new global bursts per round."),
  amplitude: number(3, ANY, "Logit boost of the hot topic when the burst starts."),
  decay: number(12, [1e-9, 1e6], "Rounds for the boost to fall by a factor e."),
  at: numbers([], "Rounds at which a burst is scheduled, in addition to random ones."),
});

const SATIATION = section({
  strength: number(0.3, ANY, "Utility lost per unit of a topic consumed."),
  decay: number(0.7, [0, 1], "Share of satiation left after one round."),
});

const FEEDBACK = section({
  strength: number(0.15, ANY, "Logit pulled toward a consumed item's topics per click."),
});

const SEQUENTIAL = section({
  strength: number(3, ANY, "Logit boost of the next topic in the chain after a click."),
  decay: number(0.3, [0, 1], "Share of the boost left after one round."),
});

/** The drift kinds (DESIGN §1), combinable; each is off unless given (`world.drift.<kind>=on` takes its defaults). */
export const DRIFT_SCHEMA = toggles(
  { gradual: GRADUAL, shift: SHIFT, periodic: PERIODIC, trend: TREND, satiation: SATIATION, feedback: FEEDBACK, sequential: SEQUENTIAL },
  "How users' interests drift; each kind is off unless given.",
);

export const BEHAVIOUR_SCHEMA = section({
  examinationDecay: number(0.7, [0, 10], "Examination probability at slate position p (0-based) is 1 / (p + 1)^examinationDecay."),
  a: number(8, ANY, "Slope a of the click probability σ(a·U + b)."),
  b: number(-4, ANY, "Offset b of the click probability σ(a·U + b)."),
  purchaseOffset: number(-1, ANY, "A click becomes a purchase with probability σ(a·U + b + purchaseOffset)."),
  noiseSd: number(0.05, [0, 10], "Standard deviation of the per-impression utility noise."),
  queryRate: number(0.3, [0, 1], "Probability that an active user issues a search query in a round."),
  reviewRate: number(0.5, [0, 1], "Probability that a purchase is followed by a review."),
});

/**
 * User segments: groups of users who weigh items differently (the world's truth; recommenders never see them).
 * Off while `share` is empty (the default). Each user joins segment s with probability share[s] (normalised),
 * drawn from its own stream (world/segments), so switching segments on changes no other draw. The three other
 * lists have one value per segment (a cross-field check, lib/scenario/checks.ts).
 */
export const SEGMENTS_SCHEMA = section({
  share: numbers([], "Share of users in each segment (normalised; empty: no segments)."),
  popularityWeight: numbers([], "Per segment, replaces world.popularityWeight in the user's utility (negative: a niche taste that avoids the mainstream)."),
  trendWeight: numbers([], "Per segment, scales how much the user feels a trend burst (0: not at all)."),
  activityWeight: numbers([], "Per segment, scales the user's chance to be active in a round (casual vs heavy users)."),
});

export const WORLD_SCHEMA = section({
  topics: integer(12, [2, 64], "Number of latent topics T (at most the number of topics shipped in data/topics.json)."),
  users: integer(300, [1, 1e6], "Users the run may see."),
  items: integer(1000, [2, 1e6], "Items the run may see."),
  initialUsers: number(1, [0, 1], "Share of users present at round 0; the rest arrive uniformly over the run (cold start)."),
  initialItems: number(0.8, [0, 1], "Share of items present at round 0; the rest arrive uniformly over the run (cold start)."),
  activeFraction: number(0.2, [0, 1], "Expected share of present users active in a round."),
  topicsPerItem: integer(2, [1, 64], "Largest number of topics in an item's mixture."),
  qualitySd: number(0.2, [0, 10], "Standard deviation of item quality q."),
  popularitySigma: number(1, ANY, "σ of the log-normal popularity prior; its standardised log enters utility with popularityWeight."),
  popularityWeight: number(0.2, ANY, "Weight of an item's standardised log popularity in utility."),
  favouriteTopics: integer(2, [1, 64], "Number of favourite topics a user starts with."),
  concentration: number(3, ANY, "Logit boost of a user's favourite topics."),
  interestScale: number(1, ANY, "Utility scale: U = interestScale·θ·φ + q + …"),
  relevantN: integer(20, [1, 1e6], "An item is relevant to a user when its noise-free utility ranks in the user's top relevantN."),
  paraphrase: number(
    0.5,
    [0, 1],
    "Paraphrase rate ρ: how often users' words differ from the catalogue's. Each catalogue phrase of a query or review is replaced by an everyday wording with probability ρ, and each review is written free-form (polarity words, intensifiers, negation) with probability ρ. 0: users write in catalogue words (the world before paraphrase, draw for draw). Item descriptions always use catalogue words.",
  ),
  drift: DRIFT_SCHEMA,
  behaviour: BEHAVIOUR_SCHEMA,
  segments: SEGMENTS_SCHEMA,
});

export type GradualDrift = ValueOf<typeof GRADUAL>;
export type ShiftDrift = ValueOf<typeof SHIFT>;
export type PeriodicDrift = ValueOf<typeof PERIODIC>;
export type TrendDrift = ValueOf<typeof TREND>;
export type SatiationDrift = ValueOf<typeof SATIATION>;
export type FeedbackDrift = ValueOf<typeof FEEDBACK>;
export type SequentialDrift = ValueOf<typeof SEQUENTIAL>;
export type DriftConfig = ValueOf<typeof DRIFT_SCHEMA>;
export type BehaviourConfig = ValueOf<typeof BEHAVIOUR_SCHEMA>;
export type SegmentsConfig = ValueOf<typeof SEGMENTS_SCHEMA>;
export type WorldConfig = ValueOf<typeof WORLD_SCHEMA>;

export const DEFAULT_BEHAVIOUR: BehaviourConfig = defaults(BEHAVIOUR_SCHEMA);

/** Each drift kind's parameters when it is on. */
export const DEFAULT_DRIFT_PARAMETERS: Required<DriftConfig> = kindDefaults(DRIFT_SCHEMA);

export const DEFAULT_WORLD_CONFIG: WorldConfig = defaults(WORLD_SCHEMA);

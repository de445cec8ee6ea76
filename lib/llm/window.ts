import type { RoundEvents } from "../recommenders/recommender.js";
import type { SlateFeedback } from "../weighting/policy.js";

/** Words too common to say what users look for. */
const STOP_WORDS = new Set(
  "a an and are as at be but by for from has have i in is it its me my of on or so some something that the this to was with want wants looking need show please any very".split(" "),
);

/** A review as the window keeps it: its text and, when the run has a sentiment reader, P(positive). */
export interface WindowReview {
  text: string;
  positive: number | null;
}

/** What a production system has seen over the rounds since the last call. */
export interface WindowStats {
  from: number;
  to: number;
  slates: number;
  shown: number;
  clicks: number;
  purchases: number;
  /** Per component: mean credit over the window's slates. */
  credit: Float64Array;
  /** Per component: shown items it scored highest of all components, and their clicks. */
  attributedShown: Float64Array;
  attributedClicks: Float64Array;
  /** Query words by count. */
  words: Map<string, number>;
  queries: number;
  reviews: WindowReview[];
  /** Clicks per item. */
  itemClicks: Map<number, number>;
}

export function emptyWindow(components: number, from: number): WindowStats {
  return {
    from,
    to: from - 1,
    slates: 0,
    shown: 0,
    clicks: 0,
    purchases: 0,
    credit: new Float64Array(components),
    attributedShown: new Float64Array(components),
    attributedClicks: new Float64Array(components),
    words: new Map(),
    queries: 0,
    reviews: [],
    itemClicks: new Map(),
  };
}

export function queryWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? []).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/** Adds one round's slates (with their credit rows) and events to the window. Credit becomes a mean in `close`. */
export function observeRound(
  w: WindowStats,
  round: number,
  feedback: SlateFeedback[],
  credits: ArrayLike<number>[],
  events: RoundEvents | undefined,
  sentiment: ((texts: string[]) => ArrayLike<number>) | undefined,
): void {
  const K = w.credit.length;
  w.to = round;
  feedback.forEach((f, s) => {
    w.slates++;
    for (let k = 0; k < K; k++) w.credit[k] += credits[s][k];
    for (let p = 0; p < f.rewards.length; p++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (f.scores[p * K + k] > f.scores[p * K + best]) best = k;
      w.attributedShown[best]++;
      if (f.clicked[p]) w.attributedClicks[best]++;
      w.shown++;
      if (f.clicked[p]) w.clicks++;
    }
  });
  if (!events) return;
  for (const i of events.impressions) {
    if (i.purchased) w.purchases++;
    if (i.clicked) w.itemClicks.set(i.item, (w.itemClicks.get(i.item) ?? 0) + 1);
  }
  const reviews = events.texts.filter((t) => t.kind === "review").map((t) => t.text);
  const p = reviews.length && sentiment ? sentiment(reviews) : null;
  reviews.forEach((text, j) => w.reviews.push({ text, positive: p ? p[j] : null }));
  for (const t of events.texts) {
    if (t.kind !== "query") continue;
    w.queries++;
    for (const word of queryWords(t.text)) w.words.set(word, (w.words.get(word) ?? 0) + 1);
  }
}

/** The window's mean credit per component (sums until then). */
export function meanCredit(w: WindowStats): Float64Array {
  return w.credit.map((c) => (w.slates ? c / w.slates : 0));
}

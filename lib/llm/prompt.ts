import type { ChatMessage } from "./exchange.js";
import { meanCredit, type WindowStats } from "./window.js";

/** How each component is introduced to the model. */
export const COMPONENT_DESCRIPTIONS: Record<string, string> = {
  popularity: "what is clicked most right now (time-decayed counts)",
  "item-cf": "items clicked together with what the user clicked before",
  "user-cf": "what similar users clicked recently",
  content: "items whose text matches the user's profile (text embeddings)",
  mf: "matrix factorisation of the click history",
  sequence: "the next item predicted from the user's recent sequence",
  random: "a random order (a deliberately poor baseline)",
  oracle: "the true utility (an upper bound)",
};

export interface PromptInput {
  components: string[];
  /** The weights serving now. */
  weights: ArrayLike<number>;
  /** Earlier answers: the round after which each was given, and its weights. */
  history: { round: number; weights: ArrayLike<number> }[];
  window: WindowStats;
  previous: WindowStats | null;
  /** The call's number (1-based) and how many the run makes. */
  call: number;
  calls: number;
  every: number;
  /** Rounds in one day of the world's clock. */
  roundsPerDay: number;
  topWords: number;
  examples: number;
  reasonLength: number;
  /** An item's title. */
  title: (item: number) => string;
}

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);
const signed = (x: number) => (x >= 0 ? "+" : "") + x.toFixed(3);
const rate = (clicks: number, shown: number) => (shown > 0 ? f4(clicks / shown) : "n/a");

function hour(round: number, roundsPerDay: number): string {
  const h = Math.floor((24 * (((round % roundsPerDay) + roundsPerDay) % roundsPerDay)) / roundsPerDay);
  return `${String(h).padStart(2, "0")}:00`;
}

function systemMessage(p: PromptInput): string {
  const example = `{"weights": {${p.components.map((c) => `${JSON.stringify(c)}: ${f3(1 / p.components.length)}`).join(", ")}}${p.reasonLength > 0 ? `, "reason": "one short sentence"` : ""}}`;
  return [
    "You set the blend weights of a hybrid recommender that shows slates of items to the users of a shop. An item's",
    "score is the weighted sum of its components' normalised scores, so a component with more weight decides more of",
    "what users see. The components:",
    ...p.components.map((c) => `- ${c}: ${COMPONENT_DESCRIPTIONS[c] ?? "a recommender component"}`),
    `Every ${p.every} rounds you read what happened since your last answer and choose the weights for the next ${p.every} rounds.`,
    "Credit is in [-1, 1]: positive when the shown items a component ranked high did better than their slate positions",
    "predict, negative when they did worse.",
    `Answer with JSON only, one number in [0, 1] per component, summing to 1${p.reasonLength > 0 ? `, and a reason of at most ${p.reasonLength} characters` : ""}:`,
    example,
  ].join("\n");
}

function userMessage(p: PromptInput): string {
  const w = p.window;
  const K = p.components.length;
  const credit = meanCredit(w);
  const before = p.previous && p.previous.slates > 0 ? meanCredit(p.previous) : null;
  const lines = [
    `Rounds ${w.from} to ${w.to} (call ${p.call} of ${p.calls}). Time of day ${hour(w.from, p.roundsPerDay)} to ${hour(w.to, p.roundsPerDay)} (a day is ${p.roundsPerDay} rounds).`,
    `Slates served: ${w.slates}; items shown: ${w.shown}; clicks: ${w.clicks} (CTR ${rate(w.clicks, w.shown)}${p.previous ? `; previous window ${rate(p.previous.clicks, p.previous.shown)}` : ""}); purchases: ${w.purchases}.`,
    "",
    "component | weight now | credit | credit change | CTR of the shown items it ranked first (shown)",
  ];
  for (let k = 0; k < K; k++) {
    const change = before ? signed(credit[k] - before[k]) : "n/a";
    lines.push(`${p.components[k]} | ${f3(p.weights[k])} | ${signed(credit[k])} | ${change} | ${rate(w.attributedClicks[k], w.attributedShown[k])} (${w.attributedShown[k]})`);
  }
  lines.push("");
  if (p.history.length) {
    const recent = p.history.slice(-3).map((h) => `after round ${h.round}: ${p.components.map((c, k) => `${c} ${f3(h.weights[k])}`).join(", ")}`);
    lines.push(`Your earlier answers (latest ${recent.length}): ${recent.join("; ")}.`);
  } else lines.push("This is your first answer; the weights so far were the starting weights.");
  if (p.topWords > 0) {
    const words = [...w.words.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, p.topWords);
    lines.push(`Search queries: ${w.queries}${words.length ? `; most frequent words: ${words.map(([word, n]) => `${word} ${n}`).join(", ")}` : ""}.`);
  }
  const scored = w.reviews.filter((r) => r.positive !== null);
  const sentiment = scored.length
    ? `; mean P(positive) ${f3(scored.reduce((s, r) => s + r.positive!, 0) / scored.length)}, ${scored.filter((r) => r.positive! < 0.5).length} read as negative`
    : "";
  const quoted = p.examples > 0 ? w.reviews.slice(-p.examples).map((r) => JSON.stringify(r.text)) : [];
  lines.push(`Reviews: ${w.reviews.length}${sentiment}${quoted.length ? `. Latest: ${quoted.join("; ")}` : ""}.`);
  const earlier = p.previous?.itemClicks;
  const trending = [...w.itemClicks.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3);
  if (trending.length) {
    const change = (item: number, n: number) => {
      const then = earlier!.get(item);
      return ` (${then === undefined ? "new" : (n >= then ? "+" : "") + (n - then)})`;
    };
    const items = trending.map(([item, n]) => `${JSON.stringify(p.title(item))} ${n}${earlier ? change(item, n) : ""}`);
    lines.push(`Most clicked items this window${earlier ? " (change from the previous window)" : ""}: ${items.join(", ")}.`);
  }
  lines.push("", "Choose the weights for the next rounds.");
  return lines.join("\n");
}

/** The messages of one call. */
export function buildMessages(p: PromptInput): ChatMessage[] {
  return [
    { role: "system", content: systemMessage(p) },
    { role: "user", content: userMessage(p) },
  ];
}

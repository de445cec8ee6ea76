import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { FeedbackRewards } from "../lib/simulation/feedback-rewards.js";
import { hashingTextModel } from "../lib/simulation/text-model.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { DEFAULT_POLICY_CONFIG } from "../lib/weighting/config.js";
import { rewardOf } from "../lib/weighting/reward.js";
import type { Outcome, UserText } from "../lib/world/world.js";
import { Stream } from "../lib/random/stream.js";
import { createContent } from "../lib/recommenders/content.js";
import { builtin, vocabulary } from "./support/scenario.js";
import { events, unitContext } from "./support/recommender.js";

const R = DEFAULT_POLICY_CONFIG.rewards;
const outcome = (item: number, clicked: boolean, purchased: boolean): Outcome => ({ item, position: item, examined: true, clicked, purchased });
const review = (item: number, text: string): UserText => ({ user: 0, round: 0, kind: "review", text, item });

describe("rewards that read reviews and weak interest", () => {
  it("pays a reviewed purchase P·purchase + (1 − P)·negativeReview, P read from the review", () => {
    const reader = (texts: string[]) => Float32Array.from(texts, (t) => (t.includes("awful") ? 0.1 : 0.9));
    const f = new FeedbackRewards(1, R, reader);
    const r = f.slate(0, [outcome(0, true, true), outcome(1, false, false), outcome(2, true, true)], [review(0, "awful"), review(2, "lovely")]);
    expect(r.rewards[0]).toBeCloseTo(0.1 * 2 + 0.9 * -1, 6);
    expect(r.rewards[1]).toBe(-1);
    expect(r.rewards[2]).toBeCloseTo(0.9 * 2 + 0.1 * -1, 6);
    expect(r.negativeReviews).toBe(1);
    expect(r.reviews.map((x) => x.item)).toEqual([0, 2]);
  });

  it("pays weakClick once a user has clicked weakAfter items in a row without buying; a purchase starts the count again", () => {
    const f = new FeedbackRewards(2, R);
    const clicks = (n: number) => Array.from({ length: n }, (_, i) => outcome(i, true, false));
    const first = f.slate(0, clicks(5), []);
    expect(Array.from(first.rewards)).toEqual([1, 1, 1, 0, 0]);
    expect(first.weakClicks).toBe(2);
    // the run carries over rounds, per user
    expect(Array.from(f.slate(0, clicks(1), []).rewards)).toEqual([0]);
    expect(Array.from(f.slate(1, clicks(1), []).rewards)).toEqual([1]);
    expect(Array.from(f.slate(0, [outcome(0, true, true), ...clicks(4).slice(1)], []).rewards)).toEqual([2, 1, 1, 1]);
  });

  it("gives the plain rewards when negativeReview = purchase and weakClick = click, or when no reader is given", () => {
    const plain = { ...R, negativeReview: R.purchase, weakClick: R.click };
    const s = new Stream(9);
    const outcomes = Array.from({ length: 200 }, (_, i) => {
      const clicked = s.next() < 0.5;
      return outcome(i, clicked, clicked && s.next() < 0.4);
    });
    const reviews = outcomes.filter((o) => o.purchased).map((o) => review(o.item, "awful"));
    const expected = outcomes.map((o) => rewardOf(o.clicked, o.purchased, R));
    expect(Array.from(new FeedbackRewards(1, plain, () => new Float32Array(reviews.length)).slate(0, outcomes, reviews).rewards)).toEqual(expected);
    expect(Array.from(new FeedbackRewards(1, { ...R, weakClick: R.click }).slate(0, outcomes, reviews).rewards)).toEqual(expected);
  });
});

describe("what the content component makes of them", () => {
  // items 0 and 1 share a topic (close vectors), item 2 is about something else
  const embeddings = { dim: 3, vectors: Float32Array.of(1, 0.2, 0, 1, -0.2, 0, 0, 0, 1) };
  const after = (reward: number) => {
    const c = createContent(unitContext(3, 1, { skipAlpha: 0 }, { embeddings }));
    c.observe(events(0, [{ user: 0, item: 0, round: 0, position: 0, clicked: true, purchased: true, reward }]));
    return Array.from(c.score({ round: 1, users: Int32Array.of(0), items: 3 }));
  };

  it("a purchase with a negative review demotes the item and its topic for that user; a happy one promotes them", () => {
    const negative = after(0.1 * 2 + 0.9 * -1);
    const positive = after(0.9 * 2 + 0.1 * -1);
    expect(positive[1]).toBeGreaterThan(positive[2]);
    expect(negative[0]).toBeLessThan(negative[2]);
    expect(negative[1]).toBeLessThan(negative[2]);
  });

  it("a weak-interest click (reward 0) leaves the profile's interest in the item at zero, a click (1) raises it", () => {
    expect(after(0)[0]).toBe(0);
    expect(after(1)[0]).toBeGreaterThan(0);
  });
});

describe("in a run", () => {
  const run = (sets: string[]) => {
    const config = builtin("abrupt-shift", ["run.rounds=12", "world.users=60", "world.items=200", "world.drift.shift.at=[6]", "run.seed=4", ...sets]);
    const sim = new Simulation(config, vocabulary(config), { trace: true, embeddings: hashingTextModel(config, vocabulary(config)) });
    const records = [];
    while (!sim.done) records.push(sim.step());
    sim.dispose();
    return records;
  };

  it("counts both in rounds.csv's metrics and moves the credit (the same seed with the plain rewards credits differently)", () => {
    const shaped = run([]);
    const plain = run(["policy.rewards.negativeReview=2", "policy.rewards.weakClick=1"]);
    const total = (rs: typeof shaped, key: "negative_reviews" | "weak_clicks") => rs.reduce((s, r) => s + r.metrics[key], 0);
    expect(total(shaped, "negative_reviews")).toBeGreaterThan(0);
    expect(total(shaped, "weak_clicks")).toBeGreaterThan(0);
    expect(total(plain, "weak_clicks")).toBe(0);
    // round 0 serves the same slates (uniform weights); its credit already differs where a review or a weak click changed a reward
    const differs = shaped.some((r, t) => r.trace && plain[t].trace && r.trace.credit.some((c, k) => c !== plain[t].trace!.credit[k]));
    expect(differs).toBe(true);
  });

  it("shows the traced user's texts (else the round's first) with what the text model made of them", () => {
    const records = run([]);
    // about 30 active users with queryRate 0.3: some query is written in every round, and each trace shows one
    for (const r of records) if (r.trace) expect(r.trace.texts.some((t) => t.kind === "query")).toBe(true);
    const texts = records.flatMap((r) => r.trace?.texts ?? []);
    const queries = texts.filter((t) => t.kind === "query");
    const reviews = texts.filter((t) => t.kind === "review");
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(q.nearest).toHaveLength(3);
    for (const r of reviews) expect(r.positive! >= 0 && r.positive! <= 1 && Number.isFinite(r.reward)).toBe(true);
  });
});

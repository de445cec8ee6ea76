import { rewardOf, type RewardConfig } from "../weighting/reward.js";
import type { Outcome, UserText } from "../world/world.js";

/** One slate's rewards and what the reviews and the click streak did to them. */
export interface SlateRewards {
  rewards: Float64Array;
  /** Reviews of the slate's purchases the reader found negative (P(positive) < ½). */
  negativeReviews: number;
  /** Clicks paid the weak-interest reward (none while weakClick equals click). */
  weakClicks: number;
  /** Each review of the slate with the reader's P(positive) and the reward it led to. */
  reviews: { item: number; text: string; positive: number; reward: number }[];
}

/**
 * Rewards the way the source articles read feedback, beyond skip/click/purchase (policy.rewards):
 * - a purchase followed by a review pays P·purchase + (1 − P)·negativeReview, P the review reader's probability
 *   that the review is positive ("a low rating → recommend less"); without a reader reviews change nothing;
 * - a click without a purchase, once the user has clicked `weakAfter` items in a row without buying any, pays
 *   weakClick ("frequent clicks without a purchase → interest is low, recommend less"); a purchase resets the run.
 * Setting negativeReview to purchase and weakClick to click gives the plain rewards.
 */
export class FeedbackRewards {
  private readonly streak: Int32Array;

  constructor(
    users: number,
    private readonly config: RewardConfig,
    private readonly sentiment?: (texts: string[]) => Float32Array,
  ) {
    this.streak = new Int32Array(users);
  }

  /** Rewards of a slate's outcomes (slate order), given the reviews the user wrote about it. */
  slate(user: number, outcomes: Outcome[], written: UserText[]): SlateRewards {
    const r = this.config;
    const rewards = new Float64Array(outcomes.length);
    let weakClicks = 0;
    outcomes.forEach((o, p) => {
      rewards[p] = rewardOf(o.clicked, o.purchased, r);
      if (o.purchased) this.streak[user] = 0;
      else if (o.clicked) {
        if (this.streak[user] >= r.weakAfter && r.weakClick !== r.click) {
          rewards[p] = r.weakClick;
          weakClicks++;
        }
        this.streak[user]++;
      }
    });
    const reviewed = written.filter((t) => t.kind === "review" && t.item !== undefined);
    const reviews: SlateRewards["reviews"] = [];
    let negativeReviews = 0;
    if (this.sentiment && reviewed.length > 0) {
      const positive = this.sentiment(reviewed.map((t) => t.text));
      reviewed.forEach((t, j) => {
        const p = outcomes.findIndex((o) => o.item === t.item);
        const reward = positive[j] * r.purchase + (1 - positive[j]) * r.negativeReview;
        if (p >= 0) rewards[p] = reward;
        if (positive[j] < 0.5) negativeReviews++;
        reviews.push({ item: t.item!, text: t.text, positive: positive[j], reward });
      });
    }
    return { rewards, negativeReviews, weakClicks, reviews };
  }
}

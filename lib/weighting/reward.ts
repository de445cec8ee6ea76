import { ANY, integer, number, section, type ValueOf } from "../config/fields.js";

/**
 * The reward of an item outcome (DESIGN §4; default skip −1, click +1, purchase +2): `policy.rewards`. The last
 * three read feedback the way the source articles do (lib/simulation/feedback-rewards.ts); negativeReview equal to
 * purchase and weakClick equal to click give the plain rewards.
 */
export const REWARDS_SCHEMA = section({
  skip: number(-1, ANY, "Reward of an item shown and not clicked."),
  click: number(1, ANY, "Reward of a click without a purchase."),
  purchase: number(2, ANY, "Reward of a click that became a purchase."),
  negativeReview: number(-1, ANY, "A purchase whose review reads negative pays P·purchase + (1 − P)·negativeReview, P the review reader's probability that the review is positive (\"a low rating → recommend less\")."),
  weakClick: number(0, ANY, "Reward of a click without a purchase once the user has clicked weakAfter items in a row without buying (weak interest: \"recommend less\")."),
  weakAfter: integer(3, [0, 1e6], "Clicks in a row without a purchase after which a further one pays weakClick; a purchase resets the count."),
});

export type RewardConfig = ValueOf<typeof REWARDS_SCHEMA>;

export function rewardOf(clicked: boolean, purchased: boolean, r: RewardConfig): number {
  return purchased ? r.purchase : clicked ? r.click : r.skip;
}

/** The spread of every reward an outcome can earn (credit.ts scales by it). */
export function rewardSpan(r: RewardConfig): number {
  const values = [r.skip, r.click, r.purchase, r.negativeReview, r.weakClick];
  return Math.max(...values) - Math.min(...values);
}

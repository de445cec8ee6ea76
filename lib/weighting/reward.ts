import { ANY, number, section, type ValueOf } from "../config/fields.js";

/** The reward of an item outcome (DESIGN §4; default skip −1, click +1, purchase +2): `policy.rewards`. */
export const REWARDS_SCHEMA = section({
  skip: number(-1, ANY, "Reward of an item shown and not clicked."),
  click: number(1, ANY, "Reward of a click without a purchase."),
  purchase: number(2, ANY, "Reward of a click that became a purchase."),
});

export type RewardConfig = ValueOf<typeof REWARDS_SCHEMA>;

export function rewardOf(clicked: boolean, purchased: boolean, r: RewardConfig): number {
  return purchased ? r.purchase : clicked ? r.click : r.skip;
}

export function rewardSpan(r: RewardConfig): number {
  return Math.max(r.skip, r.click, r.purchase) - Math.min(r.skip, r.click, r.purchase);
}

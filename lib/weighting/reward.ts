/** The reward of an item outcome (DESIGN §4; default skip −1, click +1, purchase +2). */
export interface RewardConfig {
  skip: number;
  click: number;
  purchase: number;
}

export function rewardOf(clicked: boolean, purchased: boolean, r: RewardConfig): number {
  return purchased ? r.purchase : clicked ? r.click : r.skip;
}

export function rewardSpan(r: RewardConfig): number {
  return Math.max(r.skip, r.click, r.purchase) - Math.min(r.skip, r.click, r.purchase);
}

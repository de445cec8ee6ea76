import type { Impression, RoundEvents } from "./recommender.js";

/** One user's slate in a round, split into clicked and skipped impressions, each in slate order. */
export interface UserSlate {
  user: number;
  clicked: Impression[];
  skipped: Impression[];
}

/** The round's impressions grouped by user, in the order users were served. */
export function roundSlates(events: RoundEvents): UserSlate[] {
  const byUser = new Map<number, UserSlate>();
  for (const e of events.impressions) {
    let slate = byUser.get(e.user);
    if (!slate) byUser.set(e.user, (slate = { user: e.user, clicked: [], skipped: [] }));
    (e.clicked ? slate.clicked : slate.skipped).push(e);
  }
  return [...byUser.values()];
}

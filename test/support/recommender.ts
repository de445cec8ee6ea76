import "./backend.js";
import { Stream } from "../../lib/random/stream.js";
import type { Impression, RecommenderContext, RoundEvents } from "../../lib/recommenders/recommender.js";
import { runScenario } from "../../lib/simulation/run.js";
import { builtin, vocabulary } from "./scenario.js";

/** A context for unit tests: `items` items all present from round 0, `users` users, optional embeddings. */
export function unitContext(
  items: number,
  users: number,
  options: Record<string, unknown> = {},
  extra: Partial<RecommenderContext> = {},
): RecommenderContext {
  return {
    catalog: {
      arrival: new Int32Array(items),
      title: Array.from({ length: items }, (_, i) => `item ${i}`),
      text: Array.from({ length: items }, (_, i) => `item ${i}`),
      users,
    },
    stream: new Stream("unit"),
    options,
    ...extra,
  };
}

/** An impression with the default rewards (skip −1, click +1, purchase +2). */
export function shown(user: number, item: number, round: number, outcome: "skip" | "click" | "purchase" = "click", position = 0): Impression {
  const clicked = outcome !== "skip";
  const purchased = outcome === "purchase";
  return { user, item, round, position, clicked, purchased, reward: purchased ? 2 : clicked ? 1 : -1 };
}

export function events(round: number, impressions: Impression[], texts: RoundEvents["texts"] = []): RoundEvents {
  return { round, impressions, texts };
}

/** The small `stationary` world the quality checks run on: 120 users × 400 items × 60 rounds. */
export const SMALL_STATIONARY = ["world.users=120", "world.items=400", "run.rounds=60"];

/** Mean NDCG@10 over the second half of a `stationary` run served by `component` alone (static policy). */
export function secondHalfNdcg(component: string, sets: string[] = SMALL_STATIONARY): number {
  const config = builtin("stationary", [...sets, `recommender.components=${component}`, "policy.kind=static"]);
  return runScenario(config, vocabulary(config)).summary.secondHalf.ndcg;
}

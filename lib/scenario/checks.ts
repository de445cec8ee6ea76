import { ConfigError } from "../config/error.js";
import { checkPolicy } from "../weighting/registry.js";
import type { ScenarioConfig } from "./config.js";

/**
 * The checks of a scenario that span fields (each field on its own is checked by the schema). The policy's own
 * (its level, its starting weights) are checkPolicy's, which reads what each policy kind declares.
 */
export function checkScenario(c: ScenarioConfig): void {
  const { components } = c.recommender;
  if (components.length === 0) throw new ConfigError("recommender.components: needs at least one component");
  if (new Set(components).size !== components.length) throw new ConfigError("recommender.components: a component is listed twice");
  const seg = c.world.segments;
  for (const field of ["popularityWeight", "trendWeight", "activityWeight"] as const) {
    if (seg[field].length !== seg.share.length) {
      throw new ConfigError(`world.segments.${field}: expected ${seg.share.length} values (one per world.segments.share), got ${seg[field].length}`);
    }
  }
  if (seg.share.some((s) => s < 0) || (seg.share.length > 0 && !seg.share.some((s) => s > 0))) {
    throw new ConfigError("world.segments.share: expected non-negative shares with a positive sum");
  }
  if (c.world.topicsPerItem > c.world.topics) throw new ConfigError(`world.topicsPerItem: ${c.world.topicsPerItem} exceeds world.topics (${c.world.topics})`);
  if (c.world.favouriteTopics >= c.world.topics) throw new ConfigError(`world.favouriteTopics: must be below world.topics (${c.world.topics})`);
  if (c.recommender.k > c.world.items) throw new ConfigError(`recommender.k: ${c.recommender.k} exceeds world.items (${c.world.items})`);
  for (const round of c.world.drift.shift?.at ?? []) {
    if (!Number.isInteger(round) || round < 1 || round >= c.run.rounds) {
      throw new ConfigError(`world.drift.shift.at: round ${round} is outside the run (allowed: 1 to ${c.run.rounds - 1})`);
    }
  }
  checkPolicy(components, c.policy);
}

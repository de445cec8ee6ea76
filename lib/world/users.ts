import type { Stream } from "../random/stream.js";
import type { WorldConfig } from "./config.js";
import { arrivalRounds } from "./items.js";

/** The users' ground truth at creation. Ids are ordered by arrival, so present users are a prefix. */
export interface Users {
  count: number;
  arrival: Int32Array;
  /** Relative activity (mean 1): a user's chance to be active is activeFraction × activity. */
  activity: Float64Array;
  /** count × topics exogenous interest logits at round 0, and the centres the gradual drift reverts to. */
  logits: Float64Array;
  centres: Float64Array;
}

/**
 * Logits of a fresh interest profile: noise plus a boost on a few favourite topics. With `avoid`, that topic is
 * never a favourite and never the top one (a switch always changes the user's top topic).
 */
export function interestProfile(config: WorldConfig, stream: Stream, avoid = -1): Float64Array {
  const T = config.topics;
  const z = new Float64Array(T);
  for (let k = 0; k < T; k++) z[k] = stream.normal(0, 0.5);
  const pool = Array.from({ length: T }, (_, k) => k).filter((k) => k !== avoid);
  for (const j of stream.sample(pool.length, Math.min(config.favouriteTopics, pool.length))) z[pool[j]] += config.concentration;
  if (avoid >= 0) {
    let best = pool[0];
    for (const k of pool) if (z[k] > z[best]) best = k;
    if (z[avoid] >= z[best]) [z[avoid], z[best]] = [z[best], z[avoid]];
  }
  return z;
}

export function generateUsers(config: WorldConfig, rounds: number, stream: Stream): Users {
  const { users: count, topics: T } = config;
  const logits = new Float64Array(count * T);
  const activity = new Float64Array(count);
  for (let u = 0; u < count; u++) {
    logits.set(interestProfile(config, stream), u * T);
    activity[u] = stream.logNormal(0, 0.5);
  }
  const meanActivity = activity.reduce((s, v) => s + v, 0) / count;
  for (let u = 0; u < count; u++) activity[u] /= meanActivity;
  return {
    count,
    arrival: arrivalRounds(count, config.initialUsers, rounds, stream),
    activity,
    logits,
    centres: logits.slice(),
  };
}

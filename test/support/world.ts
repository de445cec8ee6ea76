import { Stream } from "../../lib/random/stream.js";
import { World } from "../../lib/world/world.js";
import { scenario, vocabulary } from "./scenario.js";

/** A world from `--set` assignments (no drift unless set), advanced to round 0. */
export function makeWorld(sets: string[], rounds = 60, seed = 1): World {
  const config = scenario(["world.users=60", "world.items=200", ...sets]);
  const world = new World(config.world, vocabulary(config), rounds, new Stream(seed));
  world.advance();
  return world;
}

export function advanceTo(world: World, round: number): void {
  while (world.round < round) world.advance();
}

export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

/** All users' current interests θ. */
export function interests(world: World): Float64Array[] {
  return Array.from({ length: world.users.count }, (_, u) => world.interest(u));
}

/** The present items ordered by the user's noise-free utility, best first. */
export function bestItems(world: World, u: number, n: number): number[] {
  const items = Array.from({ length: world.state.items }, (_, i) => i);
  return items.sort((a, b) => world.utility(u, b) - world.utility(u, a)).slice(0, n);
}

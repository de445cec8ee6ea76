import { defaults, integer, section, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import type { PolicyConfig } from "./config.js";
import { initialWeights } from "./config.js";
import { CreditAssigner } from "./credit.js";
import type { PolicyEnvironment, PolicySpec, WeightPolicy } from "./policy.js";

export const ORACLE_WEIGHTS_OPTIONS = section({
  window: integer(1, [1, 1e6], "Rounds the chosen weights are held (1: chosen afresh every round)."),
  resolution: integer(0, [0, 100], "Lattice points per edge of the simplex grid of candidates; 0 picks the finest grid of at most `candidates` points."),
  candidates: integer(36, [1, 1e5], "Most candidate weight vectors when `resolution` is 0."),
});

export type OracleWeightsOptions = ValueOf<typeof ORACLE_WEIGHTS_OPTIONS>;

export const DEFAULT_ORACLE_WEIGHTS: OracleWeightsOptions = defaults(ORACLE_WEIGHTS_OPTIONS);

/** Every point of the simplex whose coordinates are multiples of 1 / resolution. */
export function simplexGrid(K: number, resolution: number): Float64Array[] {
  const out: Float64Array[] = [];
  const point = new Array<number>(K).fill(0);
  const fill = (k: number, left: number) => {
    if (k === K - 1) {
      point[k] = left;
      out.push(Float64Array.from(point, (v) => v / resolution));
      return;
    }
    for (let v = left; v >= 0; v--) {
      point[k] = v;
      fill(k + 1, left - v);
    }
  };
  fill(0, resolution);
  return out;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let j = 1; j <= k; j++) r = (r * (n - k + j)) / j;
  return r;
}

export function gridResolution(K: number, o: OracleWeightsOptions): number {
  if (o.resolution > 0) return Math.round(o.resolution);
  let r = 1;
  while (binomial(r + 1 + K - 1, K - 1) <= o.candidates) r++;
  return r;
}

/**
 * An upper bound for blend weights: fixed weights chosen with the world's truth. At the first round of each
 * window it asks the simulation's truth hook for the expected clicks (noise-free utilities, the world's
 * examination curve, the same slate selection) of the slate every candidate π on a simplex grid would serve to
 * each of the round's active users, and keeps the candidate with the highest total (`global`) or each user's best
 * (`user`) for `window` rounds. With window 1 these are the best fixed weights for each round in hindsight of its
 * truth; the grid bounds how close to the best blend it can get. It never learns from feedback.
 * It bounds the blend one round at a time, not the closed loop: what is served also decides what the components
 * learn next, and greedy truth-best slates explore nothing, so a learning policy can end up ahead of it over a
 * run (a bandit that keeps serving some of every component feeds popularity's counts better, for one).
 */
export function createOracleWeightsPolicy(components: string[], config: PolicyConfig, env: PolicyEnvironment): WeightPolicy {
  if (!env.oracle) throw new Error("oracle-weights: the simulation did not pass the truth hook");
  const hook = env.oracle;
  const o = resolveOptions(ORACLE_WEIGHTS_OPTIONS, config.options["oracle-weights"], "policy.options.oracle-weights");
  const K = components.length;
  const grid = simplexGrid(K, gridResolution(K, o));
  const credit = new CreditAssigner(K, config.credit, config.rewards);
  let chosen = initialWeights(components, config.weights);
  const perUser = new Map<number, Float64Array>();
  let decided = -1;

  function decide(round: number): void {
    decided = round;
    if (round % Math.max(1, Math.round(o.window)) !== 0) return;
    const { users, values } = hook.evaluate(grid);
    const C = grid.length;
    const total = new Float64Array(C);
    perUser.clear();
    for (let a = 0; a < users.length; a++) {
      let best = 0;
      for (let c = 0; c < C; c++) {
        total[c] += values[a * C + c];
        if (values[a * C + c] > values[a * C + best]) best = c;
      }
      perUser.set(users[a], grid[best]);
    }
    if (users.length > 0) chosen = grid[total.indexOf(Math.max(...total))];
  }

  const current = (user: number) => (config.level === "user" ? (perUser.get(user) ?? chosen) : chosen);

  return {
    kind: "oracle-weights",
    components,
    weights({ round, user }) {
      if (round !== decided) decide(round);
      return current(user);
    },
    peek: ({ user }) => current(user),
    update: (_round, feedback) => credit.credits(feedback),
    global: () => chosen,
    dispose() {},
  };
}

export const ORACLE_WEIGHTS_POLICY: PolicySpec = {
  create: createOracleWeightsPolicy,
  options: ORACLE_WEIGHTS_OPTIONS,
  levels: ["global", "user"],
  truth: true,
  doc: () =>
    "An upper bound, not a policy: every round it tries a grid of π and keeps the one whose slates the world's true utility rates best. It sees what no recommender can.",
};

import { COMPONENTS, DEFAULT_SCENARIO } from "../lib/index.js";
import { SITE_SIZE } from "./site-size.js";

/**
 * The playground's controls as they stand when the page opens: the scenario schema's defaults (the sliders read
 * the same), the site size, a scheduled shift, and four light components.
 */
export const PLAYGROUND_DEFAULTS = {
  policyKind: DEFAULT_SCENARIO.policy.kind as string,
  alpha: DEFAULT_SCENARIO.policy.alpha,
  beta: DEFAULT_SCENARIO.policy.beta,
  drift: "shift",
  diversity: DEFAULT_SCENARIO.recommender.diversity,
  // in registry order, as the checkboxes give them back (the order is the prompt's and the blend's)
  components: COMPONENTS.filter((c) => ["popularity", "item-cf", "content", "random"].includes(c)),
  users: SITE_SIZE.users,
  items: SITE_SIZE.items,
  rounds: SITE_SIZE.rounds,
  seed: DEFAULT_SCENARIO.run.seed,
};

export type PlaygroundControls = typeof PLAYGROUND_DEFAULTS;

/**
 * The llm policy in the playground replays the transcript src/data/llm-playground.json.ts records at the defaults
 * with a scripted stand-in for a model (the browser cannot run one); the model's name says so in every prompt's key.
 */
export const PLAYGROUND_LLM_OPTIONS = { model: "scripted-demo" };

export function driftConfig(kind: string, rounds: number): Record<string, unknown> {
  if (kind === "none") return {};
  if (kind === "shift") return { shift: { at: [Math.floor(rounds / 2)], fraction: 1 } };
  if (kind === "trend") return { trend: { at: [Math.floor(rounds / 3)] } };
  return { [kind]: {} };
}

/** The (partial) scenario the playground runs for its controls; resolveScenario fills in the rest. */
export function playgroundScenario(c: PlaygroundControls) {
  return {
    name: "playground",
    world: { users: c.users, items: c.items, drift: driftConfig(c.drift, c.rounds) },
    recommender: { components: c.components, diversity: c.diversity },
    policy: { kind: c.policyKind, alpha: c.alpha, beta: c.beta, ...(c.policyKind === "llm" ? { options: { llm: PLAYGROUND_LLM_OPTIONS } } : {}) },
    run: { rounds: c.rounds, seed: c.seed },
  };
}

import { assignments, COMPONENTS, DEFAULT_SCENARIO, DRIFT_SCHEMA, SCENARIO_SCHEMA, type ScenarioConfig } from "../lib/index.js";
import { SITE_SIZE } from "./site-size.js";

/** The drift kinds the playground offers: none, or one of the schema's. */
export const DRIFT_KINDS = ["none", ...Object.keys(DRIFT_SCHEMA.kinds)];

// in registry order, as the checkboxes give them back (the order is the prompt's and the blend's)
const DEFAULT_COMPONENTS = COMPONENTS.filter((c) => ["popularity", "item-cf", "content", "random"].includes(c));

/**
 * The playground's controls that make its run, as one table (see url-state.js): a property that sets a scenario
 * field names its path and takes its type, range, allowed values and doc from the schema; the page starts from the
 * site size, a shift mid-run and four light components. The URL parameters are these names.
 */
export const RUN_PROPERTIES = [
  { name: "policy", path: "policy.kind", label: "Policy" },
  { name: "alpha", path: "policy.alpha", label: "α (learning rate)", step: 0.01 },
  { name: "beta", path: "policy.beta", label: "β (the lab's history factor)", step: 0.01 },
  { name: "history", path: "policy.history", label: "H (the source articles' history coefficient)", step: 0.01, domain: [0, 2] },
  { name: "drift", type: "choice", values: DRIFT_KINDS, default: "shift", label: "Drift kind", doc: "The world's drift: a shift of every user's interest mid-run, another kind, or none." },
  { name: "diversity", path: "recommender.diversity", label: "Diversity λ_div (MMR)", step: 0.05 },
  { name: "components", path: "recommender.components", label: "Components", default: DEFAULT_COMPONENTS },
  // the page narrows the encoders to those a browser runs with this build (playgroundEncoders), the first the default
  { name: "encoder", path: "encoder.kind", label: "Text encoder", default: playgroundEncoders(true)[0] },
  { name: "paraphrase", path: "world.paraphrase", label: "Paraphrase rate ρ", step: 0.05 },
  { name: "users", path: "world.users", label: "Users", step: 10, domain: [10, 1000], default: SITE_SIZE.users },
  { name: "items", path: "world.items", label: "Items", step: 10, domain: [20, 3000], default: SITE_SIZE.items },
  { name: "rounds", path: "run.rounds", label: "Rounds", step: 10, domain: [10, 500], default: SITE_SIZE.rounds },
  { name: "seed", path: "run.seed", label: "Seed", domain: [1, 100] },
] as const;

/** The playground's other controls: how it runs and what it compares the run with. */
export const VIEW_PROPERTIES = [
  { name: "autorun", type: "boolean", default: true, label: "Run on change", doc: "Start the run again from round 0 whenever a control changes." },
  { name: "baseline", type: "boolean", default: false, label: "Static baseline", doc: "Also run static weights on the same seed and draw them beside the run." },
  { name: "vary", type: "choice", values: ["none", "alpha", "beta", "history", "diversity"], default: "none", label: "Small multiples over", doc: "Run the same seed once per value of one parameter, side by side." },
  { name: "values", type: "text", default: "0.05,0.2,0.8", label: "Values", doc: "The values of the small multiples' parameter (a comma list)." },
  { name: "bands", type: "number", domain: [0, 10], step: 1, integer: true, default: 0, label: "Seeds for bands", doc: "Run this many seeds (1 … n) in the background and draw the CTR's 95 % band over them (0: none)." },
  { name: "pin", type: "text", default: null, label: "Pinned run", doc: "The controls of the pinned run, as a query string." },
] as const;

/** What each run control is set to: a value per RUN_PROPERTIES name. */
export interface PlaygroundControls {
  policy: string;
  alpha: number;
  beta: number;
  history: number;
  drift: string;
  diversity: number;
  components: string[];
  encoder: string;
  paraphrase: number;
  users: number;
  items: number;
  rounds: number;
  seed: number;
}

/** The run controls as the page opens: each property's default, the schema's where the page gives none. */
export const PLAYGROUND_DEFAULTS: PlaygroundControls = {
  policy: DEFAULT_SCENARIO.policy.kind,
  alpha: DEFAULT_SCENARIO.policy.alpha,
  beta: DEFAULT_SCENARIO.policy.beta,
  history: DEFAULT_SCENARIO.policy.history,
  drift: "shift",
  diversity: DEFAULT_SCENARIO.recommender.diversity,
  /** The first of playgroundEncoders: pretrained when the site was built with its word vectors, else hashing. */
  encoder: playgroundEncoders(true)[0],
  paraphrase: DEFAULT_SCENARIO.world.paraphrase,
  components: [...DEFAULT_COMPONENTS],
  users: SITE_SIZE.users,
  items: SITE_SIZE.items,
  rounds: SITE_SIZE.rounds,
  seed: DEFAULT_SCENARIO.run.seed,
};

/** The source articles' starting values for their second form, the update rule seed-history. */
export const SOURCE_ARTICLES_PRESET = { policy: "seed-history", alpha: 0.05, history: 0.8 };

/** The encoders a browser can run, the default first: pretrained when the build has its word vectors, and hashing. */
export function playgroundEncoders(pretrained: boolean): string[] {
  return pretrained ? ["pretrained", "hashing"] : ["hashing"];
}

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
    world: { users: c.users, items: c.items, paraphrase: c.paraphrase, drift: driftConfig(c.drift, c.rounds) },
    recommender: { components: c.components, diversity: c.diversity },
    encoder: { kind: c.encoder },
    policy: { kind: c.policy, alpha: c.alpha, beta: c.beta, history: c.history, ...(c.policy === "llm" ? { options: { llm: PLAYGROUND_LLM_OPTIONS } } : {}) },
    run: { rounds: c.rounds, seed: c.seed },
  };
}

/** The built-in scenario the copied command starts from: `--set` gives everything the playground changes. */
export const COMMAND_BASE = "stationary";

/**
 * The `drift-lab run` command that makes the same run as `config` (a resolved playground scenario), given the
 * resolved built-in scenario COMMAND_BASE: its `--set` list is every field where the two differ, shell-quoted.
 */
export function runCommand(config: ScenarioConfig, base: ScenarioConfig, out = "runs/playground"): string {
  const sets = assignments(SCENARIO_SCHEMA, base, config);
  return ["drift-lab run", `--scenario ${COMMAND_BASE}`, ...sets.map((s) => `--set ${shellWord(s)}`), `--out ${out}`].join(" ");
}

/** A word as a POSIX shell reads it back: bare when it is safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[\w.,=+:/@%-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

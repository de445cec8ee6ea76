import type { Stream } from "../random/stream.js";
import type { Recommender, RecommenderContext, RoundEvents } from "../recommenders/recommender.js";
import { createRecommender } from "../recommenders/registry.js";

/** What the components of a run are built from; `truth` goes to the `oracle` component and no other. */
export interface ComponentSources extends Omit<RecommenderContext, "stream" | "options" | "truth"> {
  /** The run's master stream: each component gets its own fork, `recommender/<name>`. */
  master: Stream;
  /** Options by component name. */
  options: Record<string, Record<string, unknown>>;
  truth?: RecommenderContext["truth"];
}

/** Phase 1, build: the named components, in order. */
export function buildComponents(names: string[], sources: ComponentSources): Recommender[] {
  const { master, options, truth, ...shared } = sources;
  return names.map((name) =>
    createRecommender(name, {
      ...shared,
      stream: master.fork(`recommender/${name}`),
      options: options[name] ?? {},
      truth: name === "oracle" ? truth : undefined,
    }),
  );
}

/**
 * The order components are scored in: dense per-user ones first, then sparse ones, then user-independent ones,
 * so that a normaliser on another thread starts on the costly rows while the cheap ones are scored.
 * Components share no state, so the order changes no result.
 */
export function scoringOrder(components: Recommender[]): number[] {
  const rank = (c: Recommender) => (c.userIndependent ? 2 : c.sparse ? 1 : 0);
  return components.map((_, k) => k).sort((a, b) => rank(components[a]) - rank(components[b]) || a - b);
}

/** Phase 5, learn (the components' part): every component sees the round's events; `seconds[k]` adds each one's time. */
export function observeAll(components: Recommender[], events: RoundEvents, seconds?: Float64Array): void {
  components.forEach((c, k) => {
    const t0 = seconds ? performance.now() : 0;
    c.observe(events);
    if (seconds) seconds[k] += (performance.now() - t0) / 1000;
  });
}

/** Every component's training diagnostics, keyed `<component>.<name>`. */
export function componentDiagnostics(components: Recommender[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of components) for (const [key, value] of Object.entries(c.diagnostics?.() ?? {})) out[`${c.name}.${key}`] = value;
  return out;
}

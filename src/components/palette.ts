/**
 * The site's colours, one home for all pages: a fixed colour per component, per policy and per metric, so that
 * popularity (say) looks the same on every chart; the two reference styles (the static baseline, and upper bounds
 * that see the truth); and the heatmap colour scales with the direction of their dark end, so a caption can say
 * "darker is …" from the same definition the chart draws with.
 * Colours are unique across the three families (real-data draws components and policies on one chart, the
 * playground components beside metrics). A name with no colour here gets a grey from `fallback` and the palette
 * test fails until it is added.
 */

export const COMPONENT_COLOURS: Readonly<Record<string, string>> = {
  popularity: "#efb118",
  "item-cf": "#4269d0",
  "user-cf": "#6cc5b0",
  content: "#a463f2",
  mf: "#ff725c",
  sequence: "#3ca951",
  random: "#9498a0",
  oracle: "#000000",
};

export const POLICY_COLOURS: Readonly<Record<string, string>> = {
  static: "#595959",
  ema: "#d62728",
  momentum: "#1f77b4",
  smoothed: "#17becf",
  "seed-history": "#bcbd22",
  exp3: "#9467bd",
  thompson: "#e377c2",
  logistic: "#8c564b",
  neural: "#2ca02c",
  "oracle-weights": "#111111",
  llm: "#ff9da7",
};

export const METRIC_COLOURS: Readonly<Record<string, string>> = {
  ctr: "#d95f02",
  ndcg: "#1b9e77",
  ild: "#7570b3",
  conversion: "#e7298a",
  precision: "#66a61e",
  recall: "#e6ab02",
  hit_rate: "#a6761d",
  map: "#386cb0",
  regret: "#f0027f",
  coverage: "#bf5b17",
  novelty: "#7fc97f",
  gini: "#beaed4",
  volatility: "#fb8072",
  tracking_error: "#666666",
};

/** How references are drawn: the static baseline, and upper bounds (they see the truth: never one of the bars). */
export const REFERENCE = {
  baseline: { stroke: POLICY_COLOURS.static, dash: null as string | null },
  bound: { stroke: "#111111", dash: "5,3" },
  zero: { stroke: "currentColor", dash: null as string | null },
} as const;

/** Verdicts of a constant-reward run on the mechanism page's stability region. */
export const VERDICT_COLOURS: Readonly<Record<string, string>> = { converges: "#3ca951", slow: "#efb118", diverges: "#d62728" };

export type Family = "component" | "policy" | "metric";

const FAMILIES: Record<Family, Readonly<Record<string, string>>> = { component: COMPONENT_COLOURS, policy: POLICY_COLOURS, metric: METRIC_COLOURS };

const FALLBACK = ["#bbbbbb", "#a0a0a0", "#cccccc", "#888888"];

/** A grey for a name the palette does not know yet (stable per name). */
export function fallback(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK[h % FALLBACK.length];
}

/** A policy row of a transcript ("llm: <model>", "llm (scripted demo)") takes its kind's colour. */
const kindOf = (name: string) => (/^llm[: (]/.test(name) ? "llm" : name);

export function colourOf(family: Family, name: string): string {
  return FAMILIES[family][name] ?? FAMILIES[family][kindOf(name)] ?? fallback(name);
}

/** An Observable Plot colour scale for these names: `color: colourScale("component", names)`. */
export function colourScale(family: Family, names: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...names], range: names.map((n) => colourOf(family, n)) };
}

/** For a chart that mixes names of several families (components and policies on the real-data page). */
export function mixedScale(names: readonly string[], order: Family[] = ["component", "policy", "metric"]): { domain: string[]; range: string[] } {
  const of = (n: string) => {
    for (const f of order) if (FAMILIES[f][n]) return FAMILIES[f][n];
    return fallback(n);
  };
  return { domain: [...names], range: names.map(of) };
}

/** d3 sequential schemes whose low end is dark (the rest used here, e.g. blues, run from light to dark). */
const DARK_LOW = new Set(["magma", "inferno", "plasma", "viridis", "cividis"]);

export interface Sequential {
  scheme: string;
  reverse: boolean;
}

/** Which end of the data the dark colours show: "high" when larger values are drawn darker. */
export function darkEnd(s: Sequential): "high" | "low" {
  return DARK_LOW.has(s.scheme.toLowerCase()) !== s.reverse ? "low" : "high";
}

/** The heatmap scales of the stability page (and any page that maps these metrics to colour). */
export const HEATMAP: Readonly<Record<string, Sequential>> = {
  volatility: { scheme: "magma", reverse: true },
  recovery: { scheme: "viridis", reverse: true },
  ctr: { scheme: "viridis", reverse: false },
  ctr_after_shift: { scheme: "viridis", reverse: false },
};

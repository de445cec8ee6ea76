import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMPONENTS } from "../lib/recommenders/registry.js";
import { POLICY_KINDS } from "../lib/weighting/registry.js";
import { METRIC_COLUMNS } from "../lib/simulation/metrics-row.js";
import { COMPONENT_COLOURS, colourScale, darkEnd, HEATMAP, METRIC_COLOURS, mixedScale, POLICY_COLOURS } from "../src/components/palette.js";
import { ROOT } from "./support/cli.js";

describe("the palette", () => {
  it("has a colour for every registered component, policy and per-round metric", () => {
    expect(COMPONENTS.filter((c) => !(c in COMPONENT_COLOURS))).toEqual([]);
    expect(POLICY_KINDS.filter((p) => !(p in POLICY_COLOURS))).toEqual([]);
    expect(METRIC_COLUMNS.filter((m) => !(m in METRIC_COLOURS))).toEqual([]);
  });

  it("gives every name its own colour, across the three families (components, policies and metrics share charts)", () => {
    const all = [...Object.values(COMPONENT_COLOURS), ...Object.values(POLICY_COLOURS), ...Object.values(METRIC_COLOURS)].map((c) => c.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });

  it("builds Plot scales in the order asked, and a mixed scale takes each name from its family", () => {
    expect(colourScale("component", ["random", "popularity"])).toEqual({ domain: ["random", "popularity"], range: [COMPONENT_COLOURS.random, COMPONENT_COLOURS.popularity] });
    expect(mixedScale(["ema", "item-cf"]).range).toEqual([POLICY_COLOURS.ema, COMPONENT_COLOURS["item-cf"]]);
  });

  it("knows which end of each heatmap scale is dark (magma and viridis run dark → light; reversed, light → dark)", () => {
    expect(darkEnd({ scheme: "magma", reverse: false })).toBe("low");
    expect(darkEnd({ scheme: "magma", reverse: true })).toBe("high");
    expect(darkEnd({ scheme: "blues", reverse: false })).toBe("high");
    expect(darkEnd(HEATMAP.volatility)).toBe("high");
    expect(darkEnd(HEATMAP.ctr)).toBe("low");
  });

  it("is the only place pages and components name colours for components, policies and metrics", () => {
    // a chart that colours by component, policy or metric must take its scale from the palette
    const dir = join(ROOT, "src");
    const files = [...readdirSync(dir).filter((f) => f.endsWith(".md")), ...readdirSync(join(dir, "components")).map((f) => `components/${f}`)].filter((f) => f !== "components/palette.ts");
    const offenders: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(dir, f), "utf8");
      for (const line of text.split("\n")) {
        if (/color:\s*\{/.test(line) && /(component|policy|metric)/.test(line) && !/colourScale|mixedScale|colourOf/.test(line)) offenders.push(`${f}: ${line.trim()}`);
        if (/(fill|stroke):\s*"(policy|component|metric)"/.test(line) && !text.includes("colourScale") && !text.includes("mixedScale")) offenders.push(`${f}: ${line.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

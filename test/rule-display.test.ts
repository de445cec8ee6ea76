import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { explain } from "../lib/weighting/explain.js";
import { EXPLAIN_RULES, RULES, ruleOf } from "../lib/weighting/rules/index.js";
// @ts-expect-error: a page component in plain JavaScript
import { ruleSummary } from "../src/components/step-panel.js";
import { cliInProcess } from "./support/cli.js";

const ROOT = join(import.meta.dirname, "..");

/** Every source file of the lab outside the rule files (src/lib is a link to lib/). */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(ROOT, path);
    if (rel === join("src", "lib") || rel === join("lib", "weighting", "rules")) continue;
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|js|md)$/.test(name)) out.push(path);
  }
  return out;
}

describe("each rule's formula and region are written once, in lib/weighting/rules/", () => {
  it("explain and drift-lab explain show the rule file's formula", async () => {
    for (const rule of EXPLAIN_RULES) {
      expect(explain(rule, { alpha: 0.1, beta: 0.5, history: 1 }, [0.5], [1], 1, ["A"]).formula).toBe(ruleOf(rule).formula);
      const r = await cliInProcess(["explain", "--rule", rule, "--alpha", "0.1", "--beta", "0.5", "--weights", "0.5", "--rewards", "1"]);
      expect(r.stdout.split("\n")[0]).toBe(`Rule ${rule}: ${ruleOf(rule).formula}   (${ruleOf(rule).readsBeta ? "α = 0.1, β = 0.5" : "α = 0.1"})`);
    }
  });

  it("the playground's step panel shows the rule file's formula and only the parameters the rule reads", () => {
    for (const kind of RULES) {
      const rule = ruleOf(kind);
      const text: string = ruleSummary({ kind, alpha: 0.2, beta: 0.7, history: 0.8 });
      expect(text).toContain(rule.formula);
      expect(text.includes("β = 0.7")).toBe(rule.readsBeta);
      expect(text.includes("H = 0.8")).toBe(rule.readsHistory);
    }
    expect(ruleSummary({ kind: "exp3", alpha: 0.2, beta: 0.7, history: 1 })).toBe("");
  });

  it("no other source file (lib, cli, src pages and components, bench, scripts) restates a formula, a region or an edge", () => {
    const facts = EXPLAIN_RULES.flatMap((name) => {
      const { formula, stability } = ruleOf(name);
      return [formula, stability.region, stability.edge && stability.edge.text.length > 1 ? stability.edge.text : null].filter((s): s is string => !!s);
    });
    const files = ["lib", "cli", "src", "bench", "scripts"].flatMap((dir) => sources(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const fact of facts) expect(text.includes(fact), `${relative(ROOT, file)} restates '${fact}'`).toBe(false);
    }
  });
});

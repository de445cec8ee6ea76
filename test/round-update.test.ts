/**
 * A round's update as the Simulation reports it (RoundRecord.credit and .rule), which the playground's stepper
 * shows: the rule's state after the round is its step from the state before toward the round's mean credit, the
 * blend weights are normalise(w) (capped), and one round's "after" is the next round's "before".
 */
import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { runScenario } from "../lib/simulation/run.js";
import { RULES, step } from "../lib/weighting/rules/index.js";
import { capStep, toSimplex } from "../lib/weighting/simplex.js";
import { scenario, vocabulary } from "./support/scenario.js";

const BASE = ["world.users=40", "world.items=100", "run.rounds=8", "recommender.components=popularity,item-cf,content,random", "policy.beta=0.6", "policy.history=0.8"];

describe("the round's update in the record", () => {
  const cases = [
    ...RULES.map((rule) => [rule, []] as [string, string[]]),
    ["ema", ["policy.simplex.kind=floor", "policy.simplex.maxStep=0.05"]] as [string, string[]],
  ];
  for (const [rule, extra] of cases) {
    it(`${rule} ${extra.join(" ")}: after = step(before, mean credit), π = normalise(after.w), rounds chain`, () => {
      const config = scenario([...BASE, `policy.kind=${rule}`, ...extra]);
      const { records, simulation } = runScenario(config, vocabulary(config));
      simulation.dispose();
      expect(records.length).toBe(8);
      records.forEach((r, t) => {
        expect(r.credit, `round ${t}`).toBeDefined();
        expect(r.rule, `round ${t}`).toBeDefined();
        const { before, after } = r.rule!;
        const next = step(rule as (typeof RULES)[number], before, r.credit!, config.policy);
        expect(Array.from(after.w)).toEqual(Array.from(next.w));
        expect(Array.from(r.weights)).toEqual(Array.from(capStep(r.weightsBefore, toSimplex(after.w, config.policy.simplex), config.policy.simplex.maxStep)));
        if (t > 0) expect(Array.from(before.w)).toEqual(Array.from(records[t - 1].rule!.after.w));
        for (const c of r.credit!) expect(Math.abs(c)).toBeLessThanOrEqual(1);
      });
    });
  }

  it("other policies and levels report the mean credit but no rule state", () => {
    for (const sets of [["policy.kind=exp3"], ["policy.kind=static"], ["policy.kind=ema", "policy.level=user"]]) {
      const config = scenario([...BASE, ...sets]);
      const { records, simulation } = runScenario(config, vocabulary(config));
      simulation.dispose();
      expect(records.every((r) => r.rule === undefined && r.credit?.length === 4), sets.join(" ")).toBe(true);
    }
  });
});

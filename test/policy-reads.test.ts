/**
 * Each policy says which of policy.alpha, beta and history it reads (PolicySpec.reads); the playground greys out
 * the others. The claim is checked on runs: changing a parameter a policy reads changes its weights, changing one
 * it does not read changes nothing. Every policy also explains itself (PolicySpec.doc).
 */
import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { runScenario } from "../lib/simulation/run.js";
import { MODEL_POLICIES, POLICY_KINDS, policyDoc, policyReads } from "../lib/weighting/registry.js";
import { scenario, vocabulary } from "./support/scenario.js";

const BASE = ["world.users=30", "world.items=80", "run.rounds=6", "recommender.components=popularity,item-cf,random"];
const CHANGE = { alpha: ["policy.alpha=0.1", "policy.alpha=0.7"], beta: ["policy.beta=0.2", "policy.beta=0.8"], history: ["policy.history=1", "policy.history=0.4"] } as const;

function weights(kind: string, sets: string[]): number[] {
  const config = scenario([...BASE, `policy.kind=${kind}`, ...sets]);
  const { records, simulation } = runScenario(config, vocabulary(config));
  simulation.dispose();
  return records.flatMap((r) => Array.from(r.weights));
}

describe("what each policy reads", () => {
  for (const kind of POLICY_KINDS.filter((k) => !MODEL_POLICIES.includes(k))) {
    it(`${kind}: the parameters it says it reads move its weights, the others do not`, () => {
      const reads = policyReads(scenario([`policy.kind=${kind}`]).policy);
      for (const [name, [a, b]] of Object.entries(CHANGE)) {
        const [first, second] = [weights(kind, [a]), weights(kind, [b])];
        expect(first.length).toBe(6 * 3);
        expect(first.every((w, i) => w === second[i]), `${kind} with ${a} and with ${b}`).toBe(!reads.includes(name as keyof typeof CHANGE));
      }
    });
  }

  it("llm reads nothing while it holds the model's weights, and its rule's parameters when it follows one", () => {
    expect(policyReads(scenario(["policy.kind=llm"]).policy)).toEqual([]);
    expect(policyReads(scenario(["policy.kind=llm", "policy.options.llm.between=momentum"]).policy)).toEqual(["alpha", "beta"]);
    expect(policyReads(scenario(["policy.kind=llm", "policy.options.llm.between=seed-history"]).policy)).toEqual(["alpha", "history"]);
  });

  it("every policy explains itself in a sentence or two", () => {
    for (const kind of POLICY_KINDS) {
      const doc = policyDoc(scenario([`policy.kind=${kind}`]).policy);
      expect(doc.length, kind).toBeGreaterThan(40);
      expect(doc.length, kind).toBeLessThan(320);
    }
  });
});

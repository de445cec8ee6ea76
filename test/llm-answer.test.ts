import { describe, expect, it } from "vitest";
import { answerGrammar, answerSchema, answerShape, longestAnswer } from "../lib/llm/answer-schema.js";
import { parseAnswer } from "../lib/llm/parse-answer.js";

const C = ["popularity", "item-cf", "random"];
const weightsOf = (text: string) => {
  const a = parseAnswer(text, C);
  if (!a.ok) throw new Error(`rejected: ${a.failure}`);
  return { weights: Array.from(a.weights), repairs: a.repairs, reason: a.reason };
};

describe("reading the model's answer", () => {
  it("takes a valid answer as it is", () => {
    expect(weightsOf('{"weights": {"popularity": 0.5, "item-cf": 0.3, "random": 0.2}, "reason": "popular wins"}')).toEqual({
      weights: [0.5, 0.3, 0.2],
      repairs: [],
      reason: "popular wins",
    });
  });

  it("treats a sum within 1 % of 1 as rounding: divided by it, not counted as a repair", () => {
    const a = weightsOf('{"weights": {"popularity": 0.333, "item-cf": 0.333, "random": 0.333}}');
    expect(a.repairs).toEqual([]);
    expect(a.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(a.weights[0]).toBeCloseTo(1 / 3, 12);
  });

  it.each([
    ['Here you go:\n```json\n{"weights": {"popularity": 0.5, "item-cf": 0.5, "random": 0}}\n```', [0.5, 0.5, 0], ["extracted"]],
    ['{"popularity": 0.6, "item-cf": 0.4, "random": 0}', [0.6, 0.4, 0], ["unwrapped"]],
    ['{"weights": {"Popularity": 0.6, "item_cf": 0.4, "RANDOM": 0}}', [0.6, 0.4, 0], ["renamed"]],
    ['{"weights": {"popularity": "0.6", "item-cf": "40%", "random": 0}}', [0.6, 0.4, 0], ["number_text"]],
    ['{"weights": {"popularity": 0.7, "item-cf": 0.3}}', [0.7, 0.3, 0], ["missing_as_zero"]],
    ['{"weights": {"popularity": 50, "item-cf": 30, "random": 20}}', [0.5, 0.3, 0.2], ["normalised"]],
    ['{"weights": {"popularity": 2, "item-cf": 1, "random": 1}}', [0.5, 0.25, 0.25], ["normalised"]],
  ] as const)("repairs the unambiguous: %s", (text, weights, repairs) => {
    const a = weightsOf(text);
    a.weights.forEach((w, k) => expect(w).toBeCloseTo(weights[k], 12));
    expect(a.repairs).toEqual(repairs);
  });

  it.each([
    ["I would favour popularity.", "invalid_json"],
    ['{"weights": {"popularity": 0.5,', "invalid_json"],
    ["[0.5, 0.3, 0.2]", "invalid_json"],
    ['{"reason": "no weights"}', "no_weights"],
    ['{"weights": [0.5, 0.5, 0]}', "no_weights"],
    ['{"weights": {"popularity": 0.5, "trending": 0.5, "random": 0}}', "unknown_component"],
    ['{"weights": {"popularity": 0.5, "Popularity": 0.5, "random": 0}}', "unknown_component"],
    ['{"weights": {"popularity": 0.5, "item-cf": "half", "random": 0}}', "not_a_number"],
    ['{"weights": {"popularity": 0.5, "item-cf": null, "random": 0}}', "not_a_number"],
    ['{"weights": {"popularity": 1.2, "item-cf": -0.2, "random": 0}}', "negative"],
    ['{"weights": {"popularity": 1e999, "item-cf": 0, "random": 0}}', "non_finite"],
    ['{"weights": {"popularity": 1e308, "item-cf": 1e308, "random": 0}}', "non_finite"],
    ['{"weights": {"popularity": 0, "item-cf": 0, "random": 0}}', "zero_sum"],
    ['{"weights": {"popularity": 0.5, "item-cf": 0.2}}', "missing_component"],
  ])("rejects what cannot be repaired without guessing: %s → %s", (text, failure) => {
    const a = parseAnswer(text, C);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.failure).toBe(failure);
  });

  it("whatever it accepts is a point on the simplex with one weight per component", () => {
    const texts = ['{"weights": {"popularity": 3, "item-cf": 0, "random": 1e-9}}', '{"popularity": "100%"}', '```{"weights":{"random":1}}```'];
    for (const text of texts) {
      const a = parseAnswer(text, C);
      expect(a.ok, text).toBe(true);
      if (!a.ok) continue;
      expect(a.weights).toHaveLength(3);
      expect(a.weights.every((w) => Number.isFinite(w) && w >= 0)).toBe(true);
      expect(a.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe("the answer's schema and grammar", () => {
  it("ask for every component once, each in [0, 1], and a bounded reason", () => {
    const schema = answerSchema(C, 40) as { required: string[]; properties: { weights: { required: string[] }; reason: { maxLength: number } } };
    expect(schema.required).toEqual(["weights", "reason"]);
    expect(schema.properties.weights.required).toEqual(C);
    expect(schema.properties.reason.maxLength).toBe(40);
    expect(answerShape(schema)).toEqual({ components: C, reasonLength: 40 });
    expect(answerShape(answerSchema(C, 0))).toEqual({ components: C, reasonLength: 0 });
    expect((answerSchema(C, 0) as { required: string[] }).required).toEqual(["weights"]);
  });

  it("the grammar's longest sentence has the length longestAnswer says, and is valid JSON", () => {
    const grammar = answerGrammar(C, 40);
    expect(grammar).toContain('char{0,40}');
    expect(grammar).toContain('weight ::= "0" ("." [0-9]{1,4})? | "1" ("." "0"{1,4})?');
    // every optional space taken, every weight at its longest, the reason full
    const longest = `{ "weights": { ${C.map((c) => `"${c}": 0.1234`).join(", ")} }, "reason": "${"x".repeat(40)}" }`;
    expect(longest.length).toBe(longestAnswer(C, 40));
    expect(JSON.parse(longest).weights.random).toBe(0.1234);
    const short = `{ "weights": { ${C.map((c) => `"${c}": 1.0000`).join(", ")} } }`;
    expect(short.length).toBe(longestAnswer(C, 0));
  });
});

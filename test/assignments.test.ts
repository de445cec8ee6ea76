/**
 * `assignments` writes the `--set` list that turns one resolved configuration into another: the playground's
 * "copy the drift-lab run command" rests on it. Applied to the base's source by the command line's own loader, the
 * list must give the target back exactly.
 */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../cli/files.js";
import { assignments } from "../lib/config/assignments.js";
import { keyed, map, names, number, section, toggles, withEntries } from "../lib/config/fields.js";
import { resolve } from "../lib/config/resolve.js";
import { applySet } from "../lib/config/set.js";
import { SCENARIO_SCHEMA } from "../lib/scenario/config.js";
import { resolveScenario } from "../lib/scenario/resolve.js";
import { PLAYGROUND_DEFAULTS, playgroundScenario } from "../src/components/playground-scenario.js";

const SCHEMA = section({
  x: number(1, [0, 9], "x"),
  list: names(["a"], "names"),
  weights: map(number(0, [0, 9], "w"), "weights"),
  kinds: toggles({ one: section({ p: number(1, [0, 2], "p") }), two: section({ q: number(0, [0, 1], "q") }) }, "kinds"),
  options: withEntries(keyed("thing", "options"), { fast: section({ rate: number(0.5, [0, 1], "rate"), steps: number(3, [1, 10], "steps") }) }),
});

/** Applies the assignments to `source` and resolves: what the command line does with `--set`. */
function roundTrip(source: Record<string, unknown>, target: unknown): { sets: string[]; back: unknown } {
  const base = resolve(SCHEMA, source, "");
  const sets = assignments(SCHEMA, base, target);
  const copy = structuredClone(source);
  for (const s of sets) applySet(SCHEMA, copy, s);
  return { sets, back: resolve(SCHEMA, copy, "") };
}

describe("assignments", () => {
  it("writes only what differs, in schema order, in the forms --set reads", () => {
    const source = { kinds: { one: {} }, options: { fast: { rate: 0.2 } } };
    const target = resolve(SCHEMA, { x: 2.5, list: ["b", "c"], weights: { a: 1 }, kinds: { two: { q: 0.5 } }, options: { fast: { rate: 0.2, steps: 4 } } }, "");
    const { sets, back } = roundTrip(source, target);
    expect(sets).toEqual(["x=2.5", "list=b,c", "weights.a=1", "kinds.one=off", "kinds.two.q=0.5", "options.fast.steps=4"]);
    expect(back).toEqual(target);
  });

  it("switches a toggle on with no fields when it takes its defaults, and writes nothing for equal configurations", () => {
    const target = resolve(SCHEMA, { kinds: { two: "on" } }, "");
    expect(roundTrip({}, target).sets).toEqual(["kinds.two=on"]);
    expect(roundTrip({}, resolve(SCHEMA, {}, "")).sets).toEqual([]);
  });

  it("writes a map or an option map whole when the target drops an entry the base has", () => {
    const source = { weights: { a: 1, b: 2 }, options: { fast: { rate: 0.2, steps: 5 } } };
    const target = resolve(SCHEMA, { weights: { a: 1 }, options: { fast: { rate: 0.2 } } }, "");
    const { sets, back } = roundTrip(source, target);
    expect(sets).toEqual(['weights={"a":1}', 'options={"fast":{"rate":0.2}}']);
    expect(back).toEqual(target);
  });

  it("an empty list is written as [] and read back", () => {
    const target = resolve(SCHEMA, { list: [] }, "");
    const { sets, back } = roundTrip({}, target);
    expect(sets).toEqual(["list=[]"]);
    expect(back).toEqual(target);
  });
});

describe("the playground's runs as drift-lab run --scenario stationary --set …", () => {
  const variations = [
    {},
    { policy: "momentum", alpha: 0.35, beta: 0.8, drift: "trend", seed: 7 },
    { policy: "seed-history", alpha: 0.05, history: 0.8, drift: "none", components: ["popularity", "random"] },
    { policy: "llm", drift: "periodic", diversity: 0.4, users: 40, items: 90, rounds: 30 },
    { policy: "exp3", drift: "gradual", components: ["item-cf", "user-cf", "content"] },
  ];
  for (const v of variations) {
    it(`gives the same resolved scenario: ${JSON.stringify(v)}`, () => {
      const config = resolveScenario(playgroundScenario({ ...PLAYGROUND_DEFAULTS, ...v }));
      const base = loadScenario("stationary");
      const sets = assignments(SCENARIO_SCHEMA, base, config);
      expect(sets.length).toBeGreaterThan(0);
      expect(loadScenario("stationary", sets)).toEqual(config);
    });
  }
});

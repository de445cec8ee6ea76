import { describe, expect, it } from "vitest";
import { ConfigError } from "../lib/config/error.js";
import { allowing, defaults, fieldAt, integer, keyed, names, number, section, text, toggles, withDefaults, withEntries } from "../lib/config/fields.js";
import { parseNumber, resolve, resolveOptions } from "../lib/config/resolve.js";
import { applySet, readSetting } from "../lib/config/set.js";
import { SCENARIO_SCHEMA } from "../lib/scenario/config.js";

const OPTIONS = section({ rate: number(0.5, [0, 1], "a rate"), steps: integer(3, [1, 10], "steps") });
const SCHEMA = section({
  name: allowing(text("a", "a name"), ["a", "b"], "letter"),
  size: integer(Infinity, [1, Infinity], "no limit by default"),
  list: names(["x"], "names"),
  group: section({ depth: number(2, [0, 5], "depth"), width: number(1, [0, 5], "width") }),
  kinds: toggles({ one: section({ p: number(1, [0, 2], "p") }), two: section({ q: number(0, [0, 1], "q") }) }, "kinds"),
  options: withEntries(keyed("thing", "options by thing"), { fast: OPTIONS }),
});

describe("a schema-first field description", () => {
  it("gives defaults in declaration order, fresh each time, with toggles and option maps empty", () => {
    const d = defaults(SCHEMA);
    expect(Object.keys(d)).toEqual(["name", "size", "list", "group", "kinds", "options"]);
    expect(d).toEqual({ name: "a", size: Infinity, list: ["x"], group: { depth: 2, width: 1 }, kinds: {}, options: {} });
    d.list.push("y");
    expect(defaults(SCHEMA).list).toEqual(["x"]);
  });

  it("resolve fills what is left out, keeps given option keys in the order given, never writes into its input", () => {
    const input = { group: { width: 3 }, kinds: { two: "on", one: { p: 2 } }, options: { fast: { steps: 5, rate: 0.1 } } };
    const copy = structuredClone(input);
    const r = resolve(SCHEMA, input, "");
    expect(input).toEqual(copy);
    expect(r.group).toEqual({ depth: 2, width: 3 });
    expect(Object.keys(r.kinds)).toEqual(["one", "two"]);
    expect(r.kinds).toEqual({ one: { p: 2 }, two: { q: 0 } });
    expect(Object.keys(r.options.fast)).toEqual(["steps", "rate"]);
    expect(resolve(SCHEMA, { kinds: { one: "off", two: false } }, "").kinds).toEqual({});
  });

  it.each<[unknown, RegExp]>([
    [{ name: "c" }, /^name: unknown letter 'c' \(allowed: a, b\)$/],
    [{ size: 0 }, /^size: 0 is out of range \(allowed: 1 or more\)$/],
    [{ size: 2.5 }, /^size: expected an integer \(allowed: 1 or more\), got 2\.5$/],
    [{ group: { depth: Infinity } }, /^group\.depth: expected a number, got Infinity$/],
    [{ group: { depth: "2" } }, /^group\.depth: expected a number, got '2'$/],
    [{ group: { height: 1 } }, /^group\.height: unknown field \(allowed: depth, width\)$/],
    [{ kinds: { three: "on" } }, /^kinds\.three: unknown field \(allowed: one, two\)$/],
    [{ options: { slow: {} } }, /^options\.slow: unknown thing 'slow' \(allowed: fast\)$/],
    [{ options: { fast: { rat: 1 } } }, /^options\.fast\.rat: unknown option \(allowed: rate, steps\)$/],
    [{ options: { fast: { steps: 11 } } }, /^options\.fast\.steps: 11 is out of range \(allowed: 1 to 10\)$/],
    [{ options: JSON.parse('{"__proto__": {}}') }, /'__proto__' is not a field name/],
  ])("refuses %j naming the field and what is allowed", (value, message) => {
    expect(() => resolve(SCHEMA, value, "")).toThrow(ConfigError);
    expect(() => resolve(SCHEMA, value, "")).toThrow(message);
  });

  it("allows Infinity only where the default is Infinity (no limit)", () => {
    expect(resolve(SCHEMA, { size: Infinity }, "").size).toBe(Infinity);
    expect(() => resolve(SCHEMA, { group: { depth: Infinity } }, "")).toThrow(/expected a number/);
  });

  it("resolveOptions is an owner's options over its defaults, checked", () => {
    expect(resolveOptions(OPTIONS, { steps: 4 }, "options.fast")).toEqual({ rate: 0.5, steps: 4 });
    expect(resolveOptions(OPTIONS, undefined, "options.fast")).toEqual({ rate: 0.5, steps: 3 });
    expect(() => resolveOptions(OPTIONS, { rate: 2 }, "options.fast")).toThrow(/^options\.fast\.rate: 2 is out of range \(allowed: 0 to 1\)$/);
  });

  it("withDefaults changes defaults only; fieldAt walks sections, toggles and option maps", () => {
    const other = withDefaults(SCHEMA, { group: { depth: 4 } });
    expect(defaults(other).group).toEqual({ depth: 4, width: 1 });
    expect(defaults(SCHEMA).group.depth).toBe(2);
    expect(fieldAt(other, "group.depth")).toMatchObject({ type: "number", default: 4, min: 0, max: 5 });
    expect(fieldAt(SCHEMA, "kinds.one.p")).toMatchObject({ default: 1 });
    expect(fieldAt(SCHEMA, "options.fast.steps")).toMatchObject({ integer: true });
    expect(fieldAt(SCHEMA, "group.height")).toBeUndefined();
  });

  it("reads numbers in decimal only", () => {
    expect([" 12 ", "-0.5", "1e-3", ".5", "5.", "Infinity"].map(parseNumber)).toEqual([12, -0.5, 0.001, 0.5, 5, Infinity]);
    for (const bad of ["0x5", "", "1,5", "abc", "1e", "0b1", "NaN"]) expect(parseNumber(bad)).toBeNaN();
  });
});

describe("--set and single settings", () => {
  it("applySet types the value by the field and writes nested keys", () => {
    const target: Record<string, unknown> = {};
    applySet(SCHEMA, target, "group.depth=3");
    applySet(SCHEMA, target, "list=a, b");
    applySet(SCHEMA, target, "kinds.one=on");
    applySet(SCHEMA, target, "options.fast.rate=0.25");
    expect(target).toEqual({ group: { depth: 3 }, list: ["a", "b"], kinds: { one: "on" }, options: { fast: { rate: 0.25 } } });
  });

  it.each<[string, RegExp]>([
    ["group.height=1", /^--set group\.height: unknown field 'height' in group \(allowed: depth, width\)$/],
    ["options.slow.rate=1", /^--set options\.slow\.rate: unknown thing 'slow' in options \(allowed: fast\)$/],
    ["options.fast.rat=1", /^--set options\.fast\.rat: unknown option 'rat' in options\.fast \(allowed: rate, steps\)$/],
    ["group.depth=abc", /^group\.depth: expected a number, got 'abc'$/],
    ["group.depth.x=1", /'group\.depth' is a single value/],
    ["group=on", /^--set group: is a group of fields \(depth, width\); set one of them, or give a JSON object$/],
    ["nothing", /expected key=value/],
  ])("%s is refused", (assignment, message) => {
    expect(() => applySet(SCHEMA, {}, assignment)).toThrow(message);
  });

  it("readSetting reads and checks one flag's value, naming the flag", () => {
    expect(readSetting(SCHEMA, "group.width", "2", "--width")).toBe(2);
    expect(() => readSetting(SCHEMA, "group.width", "9", "--width")).toThrow(/^--width: 9 is out of range \(allowed: 0 to 5\)$/);
    expect(() => readSetting(OPTIONS, "speed", "1", "--option fast.speed", "option")).toThrow(/^--option fast\.speed: unknown option 'speed' \(allowed: rate, steps\)$/);
  });
});

describe("the scenario schema", () => {
  it("is assembled from the registries: components, policy kinds and their option sections", () => {
    expect(fieldAt(SCENARIO_SCHEMA, "recommender.components")).toMatchObject({ values: expect.arrayContaining(["popularity", "random", "mf"]) });
    expect(fieldAt(SCENARIO_SCHEMA, "policy.kind")).toMatchObject({ type: "choice", default: "ema", values: expect.arrayContaining(["exp3", "oracle-weights"]) });
    expect(fieldAt(SCENARIO_SCHEMA, "policy.options.exp3.gamma")).toMatchObject({ default: 0.1, min: 0, max: 1 });
    expect(fieldAt(SCENARIO_SCHEMA, "recommender.options.popularity.decay")).toMatchObject({ default: 0.97, min: 0, max: 1 });
  });

  it("documents every field", () => {
    const undocumented: string[] = [];
    const walk = (field: ReturnType<typeof fieldAt>, path: string): void => {
      if (!field) return;
      if (field.type === "section") for (const [k, f] of Object.entries(field.fields)) walk(f, path ? `${path}.${k}` : k);
      else if (field.type === "toggles") for (const [k, f] of Object.entries(field.kinds)) walk(f, `${path}.${k}`);
      else if (field.type === "keyed") for (const [k, f] of Object.entries(field.entries)) walk(f, `${path}.${k}`);
      else if (!field.doc) undocumented.push(path);
    };
    walk(SCENARIO_SCHEMA, "");
    expect(undocumented).toEqual([]);
  });
});

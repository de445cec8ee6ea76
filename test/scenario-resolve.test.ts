import { describe, expect, it } from "vitest";
import { parseArgs, Flags, UsageError } from "../cli/args.js";
import { loadScenario } from "../cli/files.js";
import { DEFAULT_SCENARIO } from "../lib/scenario/config.js";
import { ConfigError } from "../lib/config/error.js";
import { resolveScenario } from "../lib/scenario/resolve.js";
import { DEFAULT_DRIFT_PARAMETERS } from "../lib/world/config.js";

describe("resolveScenario", () => {
  it("fills every field from the defaults and never writes into its input", () => {
    const input = { world: { users: 10 } };
    const config = resolveScenario(input);
    expect(input).toEqual({ world: { users: 10 } });
    expect(config.world.users).toBe(10);
    expect(config.world.items).toBe(DEFAULT_SCENARIO.world.items);
    expect(config.recommender.components).toEqual(["popularity", "random"]);
    config.world.behaviour.a = 99;
    expect(DEFAULT_SCENARIO.world.behaviour.a).not.toBe(99);
  });

  it("--set takes dotted paths and types values by the defaults", () => {
    const c = resolveScenario({}, [
      "world.users=120",
      "policy.kind=momentum",
      "policy.alpha=0.25",
      "policy.beta=0.4",
      "recommender.components=random,oracle",
      "recommender.diversity=0.3",
      "encoder.kind=hashing",
      "world.drift.shift.at=10,20",
    ]);
    expect(c.world.users).toBe(120);
    expect(c.policy).toMatchObject({ kind: "momentum", alpha: 0.25, beta: 0.4 });
    expect(c.recommender.components).toEqual(["random", "oracle"]);
    expect(c.recommender.diversity).toBe(0.3);
    expect(c.world.drift.shift).toEqual({ ...DEFAULT_DRIFT_PARAMETERS.shift, at: [10, 20] });
  });

  it("switches drift kinds on with their defaults, and off", () => {
    const on = resolveScenario({}, ["world.drift.gradual=on", "world.drift.trend.amplitude=5"]);
    expect(on.world.drift.gradual).toEqual(DEFAULT_DRIFT_PARAMETERS.gradual);
    expect(on.world.drift.trend).toEqual({ ...DEFAULT_DRIFT_PARAMETERS.trend, amplitude: 5 });
    const off = resolveScenario({ world: { drift: { gradual: {} } } }, ["world.drift.gradual=off"]);
    expect(off.world.drift).toEqual({});
  });

  it.each([
    [["policy.alpha=7"], /^policy\.alpha: 7 is out of range \(allowed: 0 to 4\)$/],
    [["world.users=abc"], /^world\.users: expected a number, got 'abc'$/],
    [["world.users=0"], /world\.users: 0 is out of range/],
    [["policy.level=planet"], /policy\.level: unknown value 'planet' \(allowed: global, user, segment\)/],
    [["world.bogus=1"], /unknown field 'bogus' in world/],
    [["world.drift.gradual=1"], /world\.drift\.gradual/],
    [["policy.simplex.floor=0"], /policy\.simplex\.floor: 0 is out of range/],
    [["world.__proto__.x=1"], /'__proto__' is not a field name/],
    [["policy.options.__proto__.polluted=1"], /'__proto__' is not a field name/],
    [["recommender.components="], /needs at least one component/],
    [["recommender.components=random,random"], /listed twice/],
    [["world.drift.shift.at=500"], /world\.drift\.shift\.at: round 500 is outside the run \(allowed: 1 to 199\)/],
    [["world.topics=4", "world.favouriteTopics=4"], /world\.favouriteTopics/],
    [["recommender.k=300", "world.items=200"], /recommender\.k: 300 exceeds world\.items/],
  ])("%j is refused with a message naming the field", (sets, message) => {
    expect(() => resolveScenario({}, sets as string[])).toThrow(ConfigError);
    expect(() => resolveScenario({}, sets as string[])).toThrow(message as RegExp);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses unknown fields and inherited names in scenario files", () => {
    expect(() => resolveScenario({ world: { userz: 3 } })).toThrow(/^world\.userz: unknown field/);
    expect(() => resolveScenario(JSON.parse('{"world":{"constructor":1}}'))).toThrow(/world\.constructor: unknown field/);
    expect(() => resolveScenario([])).toThrow(/scenario: expected a JSON object/);
  });
});

describe("loadScenario and the flags", () => {
  it("loads built-ins by name only, and lists them when the name is unknown", () => {
    expect(loadScenario("baseline").name).toBe("baseline");
    expect(() => loadScenario("../package")).toThrow(/unknown scenario '\.\.\/package' \(built-in: .*baseline/);
    expect(() => loadScenario("simulations")).toThrow(/unknown scenario/);
  });

  it("refuses stray arguments, unknown options, missing values and malformed numbers", () => {
    const spec = { out: "string", seed: "string", set: "multiple", alpha: "string", json: "boolean" } as const;
    const flags = (argv: string[]) => new Flags(parseArgs(argv, spec, "run"), "run");
    const stray = flags(["oops", "--out", "x"]);
    stray.string("out");
    expect(() => stray.done()).toThrow(/unexpected argument 'oops'/);
    expect(() => flags(["--outt", "x"])).toThrow(/^run: unknown option --outt \(see drift-lab run --help\)$/);
    expect(() => flags(["-x"])).toThrow(/unknown option -x/);
    const unread = flags(["--seed", "1"]);
    expect(() => unread.done()).toThrow(/unknown option --seed/);
    for (const bad of ["", " ", "1.5", "x", "0x5", "1e400"]) expect(() => flags(["--seed", bad]).integer("seed", 0)).toThrow(UsageError);
    expect(flags(["--seed=7"]).integer("seed", 0)).toBe(7);
    expect(flags(["--alpha", "-1"]).string("alpha")).toBe("-1");
    expect(() => parseArgs(["--seed"], spec, "run")).toThrow(/^--seed: expects a value$/);
    expect(() => parseArgs(["--out", "--seed", "3"], spec, "run")).toThrow(/^--out: expects a value$/);
    expect(parseArgs(["--set", "a=1", "--set", "b=2"], spec, "run").flags.get("set")).toEqual(["a=1", "b=2"]);
    expect([["--json"], ["--json=true"], ["--json=false"], []].map((a) => flags(a).bool("json"))).toEqual([true, true, false, false]);
    expect(() => flags(["--json=maybe"])).toThrow(/^--json: takes no value, or true or false, got 'maybe'$/);
    expect(parseArgs(["--out", "x", "--", "--seed"], spec, "run").positionals).toEqual(["--seed"]);
  });
});

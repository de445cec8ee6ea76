import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, cliInProcess, expectUsageError, ROOT, SMALL, tempDir } from "./support/cli.js";

const COMPONENT_NAMES = /allowed: random, popularity, oracle, item-cf, user-cf, content, mf, sequence\)$/;
const POLICY_KINDS = /allowed: static, ema, momentum, smoothed, seed-history, exp3, thompson, logistic, neural, oracle-weights, llm\)$/;

/** A run that would write into a fresh directory; a refused one writes nothing there. */
async function run(...sets: string[]) {
  const out = join(tempDir("bad-setting"), "out");
  const r = await cliInProcess(["run", "--scenario", "baseline", ...SMALL, ...sets.flatMap((s) => ["--set", s]), "--out", out]);
  expect(existsSync(out)).toBe(false);
  return r;
}

describe("option maps (recommender.options, policy.options): exit 2, one line naming the field and what is allowed", () => {
  it.each<[string, ...(string | RegExp)[]]>([
    ["recommender.options.popularity.decay=abc", "recommender.options.popularity.decay:", "expected a number, got 'abc'"],
    ["recommender.options.popularity.decay=-5", "recommender.options.popularity.decay:", "-5 is out of range (allowed: 0 to 1)"],
    ["recommender.options.popularity.bogusKey=1", "recommender.options.popularity.bogusKey:", "unknown option 'bogusKey'", "(allowed: decay, clickWeight, purchaseWeight)"],
    ["recommender.options.bogus.x=1", "recommender.options.bogus.x:", "unknown component 'bogus'", COMPONENT_NAMES],
    ["recommender.options.mf.dim=2.5", "recommender.options.mf.dim:", "expected an integer (allowed: 1 to 512), got 2.5"],
    ["policy.options.exp3.gamma=5", "policy.options.exp3.gamma:", "5 is out of range (allowed: 0 to 1)"],
    ["policy.options.exp3.gamma=1e300", "policy.options.exp3.gamma:", "1e+300 is out of range (allowed: 0 to 1)"],
    ["policy.options.exp3.serve=mix", "policy.options.exp3.serve:", "unknown value 'mix' (allowed: draw, blend)"],
    ["policy.options.thompson.priorSd=0", "policy.options.thompson.priorSd:", "0 is out of range (allowed: 0.000001 to 1000)"],
    ["policy.options.ema.bogus=1", "policy.options.ema.bogus:", "unknown option 'bogus'", "(allowed: none)"],
    ["policy.options.gamma=0.1", "policy.options.gamma:", "unknown policy kind 'gamma'", POLICY_KINDS],
  ])("--set %s", async (set, ...fragments) => {
    expectUsageError(await run(set), ...fragments);
  });

  it("the same checks apply to a scenario file", async () => {
    const dir = tempDir("bad-options");
    const file = join(dir, "mine.json");
    writeFileSync(file, JSON.stringify({ recommender: { options: { popularity: { decay: "abc" } } } }));
    expectUsageError(await cliInProcess(["run", "--scenario", file, "--out", join(dir, "out")]), "recommender.options.popularity.decay:", "expected a number, got 'abc'");
    writeFileSync(file, JSON.stringify({ policy: { kind: "exp3", options: { exp3: { gamma: 5 } } } }));
    expectUsageError(await cliInProcess(["run", "--scenario", file, "--out", join(dir, "out")]), "policy.options.exp3.gamma:", "allowed: 0 to 1");
  });
});

describe("checks across fields: exit 2 and one line, where a run used to crash with a stack trace", () => {
  it("a policy.weights key that is not a component of the run", async () => {
    expectUsageError(await run("policy.weights.bogus=1"), "policy.weights.bogus:", "not a component of this run", "(allowed: popularity, item-cf, user-cf, content, random)");
  });

  it("policy.weights with a zero sum, and a negative weight", async () => {
    expectUsageError(await run("policy.weights.popularity=0"), "policy.weights: must have a positive sum");
    expectUsageError(await run("policy.weights.popularity=-1"), "policy.weights.popularity:", "(allowed: 0 or more)");
  });

  it("a level the policy does not support, as the policy declares", async () => {
    expectUsageError(await run("policy.kind=logistic", "policy.level=user"), "policy.level: 'user' is not supported by policy 'logistic' (allowed: global)");
  });

  it("through the real binary: a bad policy.weights key and exp3 gamma = 5", async () => {
    const [weights, gamma] = await Promise.all([
      cli(["run", "--scenario", "baseline", ...SMALL, "--set", "policy.weights.bogus=1", "--out", tempDir("bad")]),
      cli(["run", "--scenario", "baseline", ...SMALL, "--set", "policy.kind=exp3", "--set", "policy.options.exp3.gamma=5", "--out", tempDir("bad")]),
    ]);
    expectUsageError(weights, "policy.weights.bogus");
    expectUsageError(gamma, "policy.options.exp3.gamma", "allowed: 0 to 1");
  });
});

describe("drift-lab replay checks its settings and --option against the same schema", () => {
  const TINY = join(ROOT, "test", "fixtures", "movielens-tiny");
  const replay = (...args: string[]) => cliInProcess(["replay", "--data", TINY, "--out", join(tempDir("bad-replay"), "out"), "--components", "popularity,random", ...args]);

  it.each<[string[], ...(string | RegExp)[]]>([
    [["--option", "popularity.decay=abc"], "--option popularity.decay:", "expected a number, got 'abc'"],
    [["--option", "popularity.decay=-5"], "--option popularity.decay:", "-5 is out of range (allowed: 0 to 1)"],
    [["--option", "popularity.bogusKey=1"], "--option popularity.bogusKey:", "unknown option 'bogusKey'", "(allowed: decay, clickWeight, purchaseWeight)"],
    [["--option", "thompson.serve=mix"], "--option thompson.serve:", "(allowed: draw, blend)"],
    [["--option", "bogus.x=1"], "--option bogus:", "not a component or policy kind of this replay"],
    [["--alpha", "-1"], "--alpha:", "-1 is out of range (allowed: 0 to 4)"],
    [["--beta", "1"], "--beta:", "(allowed: 0 to 0.999999)"],
    [["--temperature", "0"], "--temperature:", "(allowed: 0.000001 to 1000000)"],
    [["--k", "0"], "--k:", "(allowed: 1 to 1000)"],
    [["--limit", "0x5"], "--limit:", "expected a number, got '0x5'"],
  ])("%j", async (args, ...fragments) => {
    expectUsageError(await replay(...args), ...fragments);
  });

  it("through the real binary: --alpha -1", async () => {
    expectUsageError(await cli(["replay", "--data", TINY, "--out", tempDir("bad-replay"), "--alpha", "-1"]), "--alpha", "allowed: 0 to 4");
  });
});

describe("drift-lab explain takes α, β and H's ranges from the policy section", () => {
  const explain = (...args: string[]) => cliInProcess(["explain", "--rule", "momentum", "--weights", "0.5,0.5", "--rewards", "0,1", ...args]);

  it.each<[string[], ...(string | RegExp)[]]>([
    [["--alpha", "-5"], "--alpha: -5 is out of range (allowed: 0 to 4)"],
    [["--alpha", "1e308"], "--alpha: 1e+308 is out of range (allowed: 0 to 4)"],
    [["--alpha", "0.1", "--beta", "1"], "--beta: 1 is out of range (allowed: 0 to 0.999999)"],
    [["--alpha", "0.1", "--history", "-1"], "--history: -1 is out of range (allowed: 0 or more)"],
  ])("%j", async (args, ...fragments) => {
    expectUsageError(await explain(...args), ...fragments);
  });

  it("refuses steps at which the weights are no longer finite, naming the step (3.9 > 2(1 + 0): w grows like 2.9^t)", async () => {
    expectUsageError(await explain("--alpha", "3.9", "--steps", "1000"), /^drift-lab: --steps: the weight of item A becomes -?Infinity at step \d+ .*allowed: at most \d+ steps\)$/);
    const r = await explain("--alpha", "3.9", "--steps", "600", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).final.every(Number.isFinite)).toBe(true);
  });
});

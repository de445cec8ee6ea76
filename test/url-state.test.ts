/**
 * The playground's state table (url-state.js over playground-scenario.ts): derived from the scenario schema, written
 * to the URL as only what differs from the defaults, read back exactly, and refusing what is not allowed with one
 * line naming the parameter.
 */
import { describe, expect, it } from "vitest";
import { POLICY_SCHEMA } from "../lib/weighting/config.js";
import { POLICY_KINDS } from "../lib/weighting/registry.js";
import { COMPONENTS } from "../lib/recommenders/registry.js";
import { PLAYGROUND_DEFAULTS, RUN_PROPERTIES, VIEW_PROPERTIES } from "../src/components/playground-scenario.js";
// @ts-expect-error: a page component in plain JavaScript
import { readState, serialise, stateTable } from "../src/components/url-state.js";

const RUN = stateTable(RUN_PROPERTIES);
const STATE = stateTable([...RUN_PROPERTIES, ...VIEW_PROPERTIES]);
const byName = (name: string) => STATE.find((p: { name: string }) => p.name === name);

describe("the playground's state table", () => {
  it("takes types, ranges, allowed values and docs from the scenario schema", () => {
    expect(byName("alpha")).toMatchObject({ type: "number", min: POLICY_SCHEMA.fields.alpha.min, max: POLICY_SCHEMA.fields.alpha.max, doc: POLICY_SCHEMA.fields.alpha.doc, default: 0.1 });
    expect(byName("history")).toMatchObject({ type: "number", min: 0, max: 2, default: 1 });
    expect(byName("policy")).toMatchObject({ type: "choice", values: POLICY_KINDS, default: "ema" });
    expect(byName("components")).toMatchObject({ type: "list", values: COMPONENTS });
    expect(byName("users")).toMatchObject({ min: 10, max: 1000, integer: true, default: 100 });
    // the run controls' defaults are the page's defaults
    expect(Object.fromEntries(RUN.map((p: { name: string; default: unknown }) => [p.name, p.default]))).toEqual(PLAYGROUND_DEFAULTS);
  });

  it("writes only what differs from the defaults, and reads it back exactly", () => {
    const defaults = readState(STATE, "").values;
    expect(serialise(STATE, defaults)).toBe("");
    const changed = { ...defaults, policy: "momentum", alpha: 0.35, history: 0.8, components: ["popularity", "random"], seed: 7, autorun: false, vary: "beta", values: "0.1,0.9", bands: 3, pin: "alpha=0.2" };
    const search = serialise(STATE, changed, new Set(["beta"]));
    expect(search).toBe("?policy=momentum&alpha=0.35&beta_hide=1&history=0.8&components=popularity%2Crandom&seed=7&autorun=0&vary=beta&values=0.1%2C0.9&bands=3&pin=alpha%3D0.2");
    const back = readState(STATE, search);
    expect(back.errors).toEqual([]);
    expect(back.values).toEqual(changed);
    expect([...back.hidden]).toEqual(["beta"]);
  });

  it("keeps the default of a value that is not allowed, with one line naming the parameter and what is allowed", () => {
    const { values, errors } = readState(STATE, "?alpha=9&policy=nope&users=5&components=popularity,nope&bands=2.5&autorun=maybe&colour=red");
    expect(errors).toEqual([
      expect.stringMatching(/^URL parameter policy: unknown policy kind 'nope' \(allowed: static, ema, /),
      "URL parameter alpha: 9 is out of range (allowed: 0 to 4)",
      "URL parameter components: unknown component 'nope' (allowed: " + COMPONENTS.join(", ") + ")",
      "URL parameter users: 5 is out of range on this page (allowed: 10 to 1000)",
      "URL parameter autorun: expected 1 or 0, got 'maybe'",
      "URL parameter bands: expected an integer, got 2.5",
      expect.stringMatching(/^URL parameter colour: not a control of this page \(allowed: policy, alpha, /),
    ]);
    expect([values.alpha, values.policy, values.users, values.components, values.bands, values.autorun]).toEqual([0.1, "ema", 100, PLAYGROUND_DEFAULTS.components, 0, true]);
  });
});

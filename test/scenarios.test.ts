import "./support/backend.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SIMULATIONS } from "../cli/files.js";
import { prepareWorld } from "../cli/world-source.js";
import { resolveScenario } from "../lib/scenario/resolve.js";
import { runScenario } from "../lib/simulation/run.js";
import { roundColumns, roundRow } from "../lib/simulation/tables.js";
import { ROOT } from "./support/cli.js";

const NAMES = readdirSync(SIMULATIONS)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -5))
  .sort();
const TINY_MOVIELENS = join(ROOT, "test/fixtures/movielens-tiny");
const ROUNDS = 6;

describe("the built-in scenarios", () => {
  it("include the ones issue 2 asks for", () => {
    for (const name of ["stationary", "baseline", "abrupt-shift", "trending", "periodic", "cold-start", "filter-bubble"]) expect(NAMES).toContain(name);
  });

  it.each(NAMES)("%s validates as shipped, and its resolved config round-trips", (name) => {
    const raw = JSON.parse(readFileSync(join(SIMULATIONS, `${name}.json`), "utf8"));
    const config = resolveScenario(raw);
    expect(config.name).toBe(name);
    expect(config.description.length).toBeGreaterThan(20);
    expect(resolveScenario(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });

  it.each(NAMES)("%s runs a few rounds at a small size with finite rows", async (name) => {
    const raw = JSON.parse(readFileSync(join(SIMULATIONS, `${name}.json`), "utf8"));
    const synthetic = (raw.data?.source ?? "synthetic") === "synthetic";
    const sets = [`run.rounds=${ROUNDS}`];
    // the tiny MovieLens fixture has 8 users: all of them are active, so every round has slates to measure
    sets.push(...(synthetic ? ["world.users=60", "world.items=200"] : ["world.activeFraction=1"]));
    if (raw.world?.drift?.shift?.at) sets.push(`world.drift.shift.at=[${ROUNDS / 2}]`);
    const { config, vocabulary, source } = await prepareWorld(resolveScenario(raw, sets), synthetic ? undefined : TINY_MOVIELENS);
    const { records, summary } = runScenario(config, vocabulary, { source });
    expect(records).toHaveLength(ROUNDS);
    const columns = roundColumns(config.recommender.components);
    for (const record of records) {
      const row = roundRow(record);
      expect(row).toHaveLength(columns.length);
      row.forEach((cell, j) => {
        // tracking_error is empty in a round where no served user has a profile yet (or without the content component)
        const mayBeEmpty = columns[j] === "tracking_error";
        expect(mayBeEmpty ? cell === null || Number.isFinite(cell) : Number.isFinite(cell), `${name} round ${record.round} ${columns[j]} = ${cell}`).toBe(true);
      });
      expect(record.active).toBeGreaterThan(0);
      expect(Math.abs(record.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-9);
    }
    // with the content component, some of the last round's users have a profile by then
    if (config.recommender.components.includes("content")) expect(Number.isFinite(records.at(-1)!.metrics.tracking_error), name).toBe(true);
    expect(summary.worldDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(Number.isFinite(summary.means.ctr)).toBe(true);
  });
});

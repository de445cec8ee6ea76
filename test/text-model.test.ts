import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { formatCsv } from "../lib/io/csv.js";
import { runScenario } from "../lib/simulation/run.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { hashingTextModel, type Embeddings } from "../lib/simulation/text-model.js";
import { roundColumns, roundRow } from "../lib/simulation/tables.js";
import { builtin, vocabulary } from "./support/scenario.js";
import { cliInProcess, read, SMALL, tempDir } from "./support/cli.js";

describe("the default text model: a run made from lib is the run drift-lab run makes", () => {
  it("gives byte-identical rounds.csv on abrupt-shift, where reviews and queries move content's profiles", async () => {
    const sets = ["--set", "world.drift.shift.at=[10]", "--seed", "3"];
    const dir = tempDir("text-model");
    const r = await cliInProcess(["run", "--scenario", "abrupt-shift", ...SMALL, ...sets, "--threads", "1", "--out", dir]);
    expect(r.code).toBe(0);
    const config = builtin("abrupt-shift", ["run.rounds=20", "world.users=60", "world.items=200", "world.drift.shift.at=[10]", "run.seed=3"]);
    const v = vocabulary(config);
    const csv = (embeddings?: Embeddings) =>
      formatCsv(roundColumns(config.recommender.components), runScenario(config, v, { embeddings }).records.map(roundRow));
    const byDefault = csv();
    expect(byDefault).toBe(read(dir, "rounds.csv"));
    const model = hashingTextModel(config, v);
    expect(csv(model)).toBe(byDefault);
    // the sentiment reader is part of it: without it the same seed is a different run (reviews no longer move profiles)
    expect(csv({ ...model, sentiment: undefined })).not.toBe(byDefault);
  });

  it("is only built for the hashing encoder: another encoder's model must be passed", () => {
    const config = builtin("abrupt-shift", ["world.users=20", "world.items=60", "encoder.kind=lm"]);
    expect(() => new Simulation(config, vocabulary(config))).toThrow(/^encoder\.kind: 'lm' needs its text model loaded/);
  });
});

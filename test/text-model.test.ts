import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { locatePackage, vocabularySubset } from "../cli/pretrained-vectors.js";
import { formatCsv } from "../lib/io/csv.js";
import { runScenario } from "../lib/simulation/run.js";
import { Simulation } from "../lib/simulation/simulation.js";
import { hashingTextModel, pretrainedTextModel, type Embeddings } from "../lib/simulation/text-model.js";
import { roundColumns, roundRow } from "../lib/simulation/tables.js";
import { builtin, vocabulary } from "./support/scenario.js";
import { cliInProcess, read, SMALL, tempDir } from "./support/cli.js";

let installed = true;
try {
  locatePackage();
} catch {
  installed = false;
}

const SETS = ["run.rounds=20", "world.users=60", "world.items=200", "world.drift.shift.at=[10]", "run.seed=3"];
const csv = (config: ReturnType<typeof builtin>, embeddings?: Embeddings) =>
  formatCsv(roundColumns(config.recommender.components), runScenario(config, vocabulary(config), { embeddings }).records.map(roundRow));
const cliRun = async (kind: string) => {
  const dir = tempDir(`text-model-${kind}`);
  const r = await cliInProcess(["run", "--scenario", "abrupt-shift", ...SMALL, "--set", "world.drift.shift.at=[10]", "--seed", "3", "--set", `encoder.kind=${kind}`, "--threads", "1", "--out", dir]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
};

describe("a run made from lib with the text model is the run drift-lab run makes", () => {
  it("hashing (the Simulation's default): byte-identical rounds.csv on abrupt-shift, where reviews and queries move content's profiles", async () => {
    const dir = await cliRun("hashing");
    const config = builtin("abrupt-shift", [...SETS, "encoder.kind=hashing"]);
    const byDefault = csv(config);
    expect(byDefault).toBe(read(dir, "rounds.csv"));
    const model = hashingTextModel(config, vocabulary(config));
    expect(csv(config, model)).toBe(byDefault);
    // the sentiment reader is part of it: without it the same seed is a different run (reviews no longer move
    // profiles, nor pay the negative-review reward)
    expect(csv(config, { ...model, sentiment: undefined })).not.toBe(byDefault);
  });

  it.skipIf(!installed)("pretrained: byte-identical rounds.csv from the cached word vectors", async () => {
    const dir = await cliRun("pretrained");
    const config = builtin("abrupt-shift", [...SETS, "encoder.kind=pretrained"]);
    expect(csv(config, pretrainedTextModel(config, vocabulary(config), (await vocabularySubset()).table))).toBe(read(dir, "rounds.csv"));
  });

  it.each(["lm", "pretrained"])("is only built for the hashing encoder: %s's model must be passed", (kind) => {
    const config = builtin("abrupt-shift", ["world.users=20", "world.items=60", `encoder.kind=${kind}`]);
    expect(() => new Simulation(config, vocabulary(config))).toThrow(new RegExp(`^encoder\\.kind: '${kind}' needs its text model loaded`));
  });
});

describe("the encoder changes what the recommender reads, never the world", () => {
  it.skipIf(!installed)("hashing, lm and pretrained runs of one seed have the same world digest and different rounds", async () => {
    const kinds = ["hashing", "lm", "pretrained"];
    const dirs = [];
    for (const kind of kinds) dirs.push(await cliRun(kind));
    const summaries = dirs.map((d) => JSON.parse(read(d, "summary.json")));
    for (const s of summaries.slice(1)) expect(s.worldDigest).toBe(summaries[0].worldDigest);
    expect(new Set(dirs.map((d) => read(d, "rounds.csv"))).size).toBe(kinds.length);
  });
});

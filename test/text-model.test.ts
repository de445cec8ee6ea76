import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { locatePackage, vocabularySubset } from "../cli/pretrained-vectors.js";
import { formatCsv } from "../lib/io/csv.js";
import { runScenario } from "../lib/simulation/run.js";
import { hashingTextModel } from "../lib/simulation/hashing-text-model.js";
import { pretrainedTextModel } from "../lib/simulation/text-model.js";
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
const csv = (config: ReturnType<typeof builtin>, embeddings?: ReturnType<typeof hashingTextModel>) =>
  formatCsv(roundColumns(config.recommender.components), runScenario(config, vocabulary(config), { embeddings }).records.map(roundRow));
const cliRun = async (kind: string) => {
  const dir = tempDir(`text-model-${kind}`);
  const r = await cliInProcess(["run", "--scenario", "abrupt-shift", ...SMALL, "--set", "world.drift.shift.at=[10]", "--seed", "3", "--set", `encoder.kind=${kind}`, "--threads", "1", "--out", dir]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
};

describe("a run made from lib with the text model is the run drift-lab run makes", () => {
  it("hashing: byte-identical rounds.csv on abrupt-shift, where reviews and queries move content's profiles", async () => {
    const dir = await cliRun("hashing");
    const config = builtin("abrupt-shift", [...SETS, "encoder.kind=hashing"]);
    const withModel = csv(config, hashingTextModel(config, vocabulary(config)));
    expect(withModel).toBe(read(dir, "rounds.csv"));
    // without the sentiment reader the same seed is a different run: reviews no longer move content's profiles
    expect(csv(config)).not.toBe(withModel);
  });

  it.skipIf(!installed)("pretrained: byte-identical rounds.csv from the cached word vectors", async () => {
    const dir = await cliRun("pretrained");
    const config = builtin("abrupt-shift", [...SETS, "encoder.kind=pretrained"]);
    expect(csv(config, pretrainedTextModel(config, vocabulary(config), (await vocabularySubset()).table))).toBe(read(dir, "rounds.csv"));
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

import { join } from "node:path";
import { ENCODER_SCHEMA, formatObjects, readSetting, WORLD_SCHEMA } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { loadScenario } from "../files.js";
import { compareEncoders, DEFAULT_LANGUAGE_OPTIONS } from "../language.js";
import { StagedDirectory } from "../output.js";
import { parseSeeds } from "../sweep/plan.js";

const D = DEFAULT_LANGUAGE_OPTIONS;

export const LANGUAGE_HELP = `drift-lab language [--scenario S] [--seeds ${D.seeds[0]}-${D.seeds[D.seeds.length - 1]}] [--rates ${D.rates.join(",")}] [--encoders ${D.encoders.join(",")}] [--set key=value]... --out DIR [--force]

What each text encoder buys on the same seeded worlds (scenario S, default ${D.scenario}), at each paraphrase rate
(world.paraphrase: how often users' words differ from the catalogue's) and seed. Writes
  DIR/encoders.csv  rate, seed, encoder, retrieval (query→item precision@${D.k}: ${D.queriesPerTopic} single-topic queries per
                    topic, relevant = items whose main topic is the query's), cold_start_ndcg (content's NDCG@${D.k} from
                    ${D.queriesPerUser} queries per user and no click), sentiment (the review reader's accuracy on ${D.reviews} reviews
                    in held-out words and templates, negation included), majority (always answering the larger class)
  DIR/overlap.csv   rate, seed, jaccard (mean token Jaccard of a query and an item it is about), disjoint (share of
                    such pairs with no token in common), token_retrieval (precision@${D.k} by exact-token overlap alone)
The same queries are asked at every rate, worded differently, so rows pair by seed. lm trains on each world's
corpus (cached in .cache/lm); an encoder with no model (minilm without one, pretrained without its npm package)
is left out with one line on stderr. Both files are written as a set; a DIR that holds anything is refused unless
--force, which replaces it (only when it holds nothing but drift-lab's outputs).`;

export const LANGUAGE_FLAGS: FlagSpec = { scenario: "string", seeds: "string", rates: "string", encoders: "string", set: "multiple", out: "string", force: "boolean" };

export async function languageCommand(flags: Flags): Promise<void> {
  const scenario = flags.string("scenario") ?? D.scenario;
  const seeds = flags.string("seeds");
  const rates = flags.string("rates");
  const encoders = flags.string("encoders");
  const sets = flags.all("set");
  const out = flags.required("out", "the output directory");
  const force = flags.bool("force");
  flags.done();
  const options = {
    ...D,
    scenario,
    sets,
    seeds: seeds === undefined ? D.seeds : parseSeeds(seeds, "seeds", true),
    rates: rates === undefined ? D.rates : parseRates(rates),
    encoders: encoders === undefined ? D.encoders : parseEncoders(encoders),
    log: (line: string) => process.stderr.write(`drift-lab: ${line}\n`),
  };
  loadScenario(scenario, sets);
  const staged = StagedDirectory.open(out, { force });
  try {
    const tables = await compareEncoders(options);
    staged.write("encoders.csv", formatObjects(tables.rows as unknown as Record<string, number | string>[]));
    staged.write("overlap.csv", formatObjects(tables.overlap as unknown as Record<string, number | string>[]));
    staged.commit();
    process.stdout.write(`${tables.rows.length} rows → ${join(out, "encoders.csv")}; encoders: ${tables.encoders.map((e) => `${e.kind} (${e.model})`).join(", ")}\n`);
  } finally {
    staged.discard();
  }
}

/** A comma list of paraphrase rates, each checked as world.paraphrase is. */
function parseRates(text: string): number[] {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.some((p) => p === "")) throw new UsageError(`--rates: expected a comma list of rates, got '${text}'`);
  return parts.map((p) => readSetting(WORLD_SCHEMA, "paraphrase", p, "--rates") as number);
}

/** A comma list of encoder kinds, each checked as encoder.kind is. */
function parseEncoders(text: string): string[] {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.some((p) => p === "")) throw new UsageError(`--encoders: expected a comma list of encoders (${ENCODER_SCHEMA.fields.kind.values.join(", ")}), got '${text}'`);
  return parts.map((p) => readSetting(ENCODER_SCHEMA, "kind", p, "--encoders") as string);
}

/**
 * "What the language model reads": the encoders compared on the same seeded worlds over the paraphrase rate
 * (cli/language.ts compareEncoders: query→item retrieval, content NDCG@10 on cold start, held-out sentiment), the
 * query-shift scenario run with each encoder on fresh test seeds (encoderRuns), and examples of the world's text.
 * minilm is compared only when its model is on this machine (a page build never downloads one).
 */
import { MODEL_DIR_ENV } from "../../cli/embeddings.js";
import { compareEncoders, DEFAULT_LANGUAGE_OPTIONS, encoderRuns } from "../../cli/language.js";
import { loadScenario } from "../../cli/files.js";
import { LAB_VERSION, Stream, topN, World } from "../../lib/index.js";
import { loader, log, round, vocabulary } from "./lab.js";

/** The scenario and the seeds of the blend comparison: its settings were chosen on seeds 1–5; these are fresh. */
const SHIFT_SCENARIO = "query-shift";
const TEST_SEEDS = [6, 7, 8, 9, 10];
const ENCODERS = ["hashing", "lm", "pretrained", "minilm"];

/** A few items, queries and reviews of one world at the default paraphrase rate, as users and the catalogue write them. */
function examples() {
  const config = loadScenario("baseline", ["run.seed=1"]);
  const v = vocabulary(config.world.topics);
  const world = new World(config.world, v, config.run.rounds, new Stream(config.run.seed));
  const queries: { user: number; text: string }[] = [];
  const reviews: { text: string; positive: boolean; item: string }[] = [];
  for (let t = 0; t < 12 && (queries.length < 12 || reviews.filter((r) => !r.positive).length < 5); t++) {
    const state = world.advance();
    for (const q of world.queries()) queries.push({ user: q.user, text: q.text });
    for (const u of state.active) {
      const slate = topN(world.utilities(Int32Array.of(u), state.items), 10);
      for (const r of world.respond(u, slate).texts) reviews.push({ text: r.text, positive: r.positive!, item: world.items.title[r.item!] });
    }
  }
  const items = Array.from({ length: 6 }, (_, i) => ({ title: world.items.title[i], text: world.items.text[i], topic: v.topics[world.items.mainTopic[i]].name }));
  const everyday = v.topics.slice(0, 6).map((t) => ({ topic: t.name, catalogue: t.phrases[0], everyday: t.everyday[t.phrases[0]] ?? [] }));
  // five of each polarity where the world wrote that many (it writes far more positive reviews than negative ones)
  const balanced = [...reviews.filter((r) => r.positive).slice(0, 5), ...reviews.filter((r) => !r.positive).slice(0, 5)];
  return { paraphrase: config.world.paraphrase, items, everyday, queries: queries.slice(0, 12), reviews: balanced };
}

loader(async () => {
  process.env.DRIFT_LAB_OFFLINE = "1";
  // minilm only from a model folder on this machine: a page build never downloads one
  const local = Boolean(process.env[MODEL_DIR_ENV]);
  const options = { ...DEFAULT_LANGUAGE_OPTIONS, encoders: ENCODERS.filter((e) => e !== "minilm" || local), log };
  const tables = await compareEncoders(options);
  if (!local) tables.skipped.push({ kind: "minilm", reason: `no model on the machine that built the site ($${MODEL_DIR_ENV} unset)` });
  const shift = await encoderRuns(SHIFT_SCENARIO, ENCODERS.filter((e) => !tables.skipped.some((s) => s.kind === e)), TEST_SEEDS, log);
  const rounded = (rows: object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? round(v, 5) : v])));
  return JSON.stringify({
    labVersion: LAB_VERSION,
    command: `drift-lab language --scenario ${options.scenario} --seeds ${options.seeds.join(",")} --rates ${options.rates.join(",")}`,
    scenario: options.scenario,
    defaultRate: loadScenario(options.scenario).world.paraphrase,
    seeds: options.seeds,
    rates: options.rates,
    k: options.k,
    topics: loadScenario(options.scenario).world.topics,
    queriesPerTopic: options.queriesPerTopic,
    queriesPerUser: options.queriesPerUser,
    reviews: options.reviews,
    encoders: tables.encoders,
    skipped: tables.skipped,
    rows: rounded(tables.rows),
    overlap: rounded(tables.overlap),
    shift: {
      scenario: SHIFT_SCENARIO,
      description: loadScenario(SHIFT_SCENARIO).description,
      command: `drift-lab run --scenario ${SHIFT_SCENARIO} --seed S --set encoder.kind=E (S = ${TEST_SEEDS.join(", ")})`,
      seeds: TEST_SEEDS,
      round: shift.shift,
      runs: rounded(shift.runs),
      rounds: rounded(shift.rounds),
    },
    examples: examples(),
  });
});

import {
  coldStartNdcg,
  coldStartQueries,
  type Encoder,
  heldOutSentiment,
  retrievalPrecision,
  runScenario,
  type ScenarioConfig,
  Stream,
  surfaceOverlap,
  type SyncEncoder,
  topicQueries,
  type Vocabulary,
  World,
  worldCorpus,
  worldItems,
} from "../lib/index.js";
import { setupBackend } from "./backend.js";
import { encodeCached } from "./embedding-cache.js";
import { EncoderUnavailableError, eventEncoder, loadEmbeddings, openEncoder, pretrainedTexts } from "./embeddings.js";
import { loadScenario, loadVocabulary } from "./files.js";

export interface LanguageOptions {
  /** The world (a built-in name or a file) and --set assignments; world.paraphrase is overridden by `rates`. */
  scenario: string;
  sets: string[];
  seeds: number[];
  rates: number[];
  /** hashing, lm, pretrained, minilm; an encoder with no model is left out with a line in the log. */
  encoders: string[];
  /** Single-topic queries per topic for retrieval. */
  queriesPerTopic: number;
  /** Queries per user for content on cold start. */
  queriesPerUser: number;
  k: number;
  /** Held-out reviews per seed for the sentiment reader. */
  reviews: number;
  root?: string;
  log: (line: string) => void;
}

export const DEFAULT_LANGUAGE_OPTIONS: Omit<LanguageOptions, "log"> = {
  scenario: "baseline",
  sets: [],
  seeds: [1, 2, 3, 4, 5],
  rates: [0, 0.25, 0.5, 0.75, 1],
  encoders: ["hashing", "lm", "pretrained", "minilm"],
  queriesPerTopic: 20,
  queriesPerUser: 3,
  k: 10,
  reviews: 400,
};

/** One encoder on one seeded world at one paraphrase rate. */
export interface EncoderRow {
  rate: number;
  seed: number;
  encoder: string;
  /** Query→item retrieval precision@k (single-topic queries; relevant: items whose main topic is the query's). */
  retrieval: number;
  /** Content's NDCG@k on cold start, from each user's queries alone. */
  cold_start_ndcg: number;
  /** The review reader's accuracy on held-out phrasing, and the majority baseline of the same reviews. */
  sentiment: number;
  majority: number;
}

/** How the queries of one seed and rate overlap the items they are about, token by token. */
export interface OverlapRow {
  rate: number;
  seed: number;
  jaccard: number;
  disjoint: number;
  /** Retrieval precision@k by exact-token overlap alone. */
  token_retrieval: number;
}

export interface LanguageTables {
  rows: EncoderRow[];
  overlap: OverlapRow[];
  /** The encoders compared, with the model each one used (lm: per seed and rate, so its last). */
  encoders: { kind: string; model: string }[];
  /** Encoders asked for but unavailable, with the reason. */
  skipped: { kind: string; reason: string }[];
}

interface Opened {
  kind: string;
  encoder: Encoder;
  /** For event texts (the review reader): the encoder itself, or minilm's phrase-segment stand-in. */
  sync: SyncEncoder;
}

/**
 * The comparison of text encoders on the same seeded worlds: for every paraphrase rate and seed, each encoder's
 * query→item retrieval, content NDCG@k on cold start and held-out sentiment accuracy, and the token overlap of
 * the queries. Queries are drawn from streams of their own, so at every rate the same phrases are asked and
 * only their wording changes (paired by seed). lm is trained on each world's own corpus (cached in .cache/lm).
 */
export async function compareEncoders(options: LanguageOptions): Promise<LanguageTables> {
  await setupBackend();
  const o = options;
  const rows: EncoderRow[] = [];
  const overlap: OverlapRow[] = [];
  const skipped: LanguageTables["skipped"] = [];
  const models = new Map<string, string>();
  const base = loadScenario(o.scenario, o.sets);
  const vocabulary = loadVocabulary(base.world.topics);
  const fixed = new Map<string, Opened>();
  for (const kind of o.encoders.filter((k) => k !== "lm")) {
    const opened = await open(kind, base, vocabulary, o.root).catch((e: unknown) => {
      if (!(e instanceof EncoderUnavailableError)) throw e;
      skipped.push({ kind, reason: e.reason });
      o.log(`${kind} left out: ${e.reason}`);
      return null;
    });
    if (opened) fixed.set(kind, opened);
  }
  for (const rate of o.rates) {
    for (const seed of o.seeds) {
      const config = loadScenario(o.scenario, [...o.sets, `run.seed=${seed}`, `world.paraphrase=${rate}`]);
      const items = worldItems(config, vocabulary);
      const queries = topicQueries(vocabulary, config.world.topics, o.queriesPerTopic, rate, new Stream(seed).fork("language/queries"), new Stream(seed).fork("language/queries/wording"));
      const world = new World(config.world, vocabulary, config.run.rounds, new Stream(seed));
      world.advance();
      const cold = coldStartQueries(world, vocabulary, o.queriesPerUser, rate, new Stream(seed).fork("language/cold-start"), new Stream(seed).fork("language/cold-start/wording"));
      const surface = surfaceOverlap(queries, items.text, items.mainTopic, o.k);
      overlap.push({ rate, seed, jaccard: surface.jaccard, disjoint: surface.disjoint, token_retrieval: surface.precision });
      for (const kind of o.encoders) {
        // lm is trained on each world's own corpus
        const opened = kind === "lm" ? await open("lm", config, vocabulary, o.root) : fixed.get(kind);
        if (!opened) continue;
        models.set(kind, opened.encoder.model);
        const vectors = async (texts: string[]) => (opened.encoder === opened.sync ? opened.sync.encodeSync(texts) : (await encodeCached(opened.encoder, texts, o.root)).vectors);
        const d = opened.encoder.dim;
        const itemVectors = await vectors(items.text);
        const sentiment = heldOutSentiment(opened.sync.encodeSync, d, vocabulary, seed, o.reviews);
        rows.push({
          rate,
          seed,
          encoder: kind,
          retrieval: retrievalPrecision(await vectors(queries.map((q) => q.text)), queries.map((q) => q.topic), itemVectors, items.mainTopic, d, o.k),
          cold_start_ndcg: coldStartNdcg(world, await vectors(cold), o.queriesPerUser, itemVectors, d, o.k),
          sentiment: sentiment.accuracy,
          majority: sentiment.majority,
        });
      }
      o.log(`paraphrase ${rate}, seed ${seed}: ${rows.slice(-fixedCount(o, fixed)).map((r) => `${r.encoder} ${r.retrieval.toFixed(3)}`).join(", ")}`);
    }
  }
  for (const { encoder } of fixed.values()) encoder.dispose();
  return { rows, overlap, encoders: [...models].map(([kind, model]) => ({ kind, model })), skipped };
}

function fixedCount(o: LanguageOptions, fixed: Map<string, Opened>): number {
  return o.encoders.filter((k) => k === "lm" || fixed.has(k)).length;
}

/** An encoder as a run opens it (cli/embeddings.ts), with no fallback: an unavailable one is left out by the caller. */
async function open(kind: string, config: ScenarioConfig, vocabulary: Vocabulary, root: string | undefined): Promise<Opened> {
  const opened = await openEncoder(kind, {
    dim: config.encoder.dim,
    fallback: "none",
    corpus: () => worldCorpus(config, vocabulary),
    texts: () => pretrainedTexts(vocabulary),
    root,
    log: () => {},
  });
  return { kind, encoder: opened.encoder, sync: await eventEncoder(opened, vocabulary, root) };
}

/** One run of a scenario with one encoder: what the blend gave content, and what users clicked, before and after the shift. */
export interface EncoderRun {
  encoder: string;
  seed: number;
  /** Mean over rounds from the first scheduled shift on (before it) of CTR and of content's blend weight. */
  ctr_after_shift: number;
  content_after_shift: number;
  ctr_before_shift: number;
  content_before_shift: number;
  /** Mean per round of reviews read as negative and of clicks paid as weak interest. */
  negative_reviews: number;
  weak_clicks: number;
  worldDigest: string;
}

/**
 * Runs a scenario with a scheduled shift once per encoder and seed (the text model `drift-lab run` builds; an
 * unavailable encoder is left out) and returns each run's summary and its content weight and CTR per round.
 */
export async function encoderRuns(
  scenario: string,
  encoders: string[],
  seeds: number[],
  log: (line: string) => void,
  root?: string,
): Promise<{ runs: EncoderRun[]; rounds: { encoder: string; seed: number; round: number; ctr: number; content: number }[]; shift: number }> {
  await setupBackend();
  const runs: EncoderRun[] = [];
  const rounds: { encoder: string; seed: number; round: number; ctr: number; content: number }[] = [];
  let shift = 0;
  for (const encoder of encoders) {
    for (const seed of seeds) {
      const config = loadScenario(scenario, [`run.seed=${seed}`, `encoder.kind=${encoder}`, "encoder.fallback=none"]);
      shift = config.world.drift.shift?.at[0] ?? 0;
      if (!shift) throw new Error(`${scenario}: needs a scheduled shift (world.drift.shift.at)`);
      const k = config.recommender.components.indexOf("content");
      if (k < 0) throw new Error(`${scenario}: has no content component`);
      const vocabulary = loadVocabulary(config.world.topics);
      let embeddings;
      try {
        embeddings = await loadEmbeddings(config, vocabulary, { log: () => {}, root });
      } catch (e) {
        log(`${encoder} left out: ${(e as Error).message}`);
        break;
      }
      const { records, summary } = runScenario(config, vocabulary, { embeddings });
      const mean = (from: number, to: number, read: (r: (typeof records)[number]) => number) => records.slice(from, to).reduce((s, r) => s + read(r), 0) / (to - from);
      const n = records.length;
      runs.push({
        encoder,
        seed,
        ctr_after_shift: mean(shift, n, (r) => r.metrics.ctr),
        content_after_shift: mean(shift, n, (r) => r.weights[k]),
        ctr_before_shift: mean(0, shift, (r) => r.metrics.ctr),
        content_before_shift: mean(0, shift, (r) => r.weights[k]),
        negative_reviews: mean(0, n, (r) => r.metrics.negative_reviews),
        weak_clicks: mean(0, n, (r) => r.metrics.weak_clicks),
        worldDigest: summary.worldDigest,
      });
      for (const r of records) rounds.push({ encoder, seed, round: r.round, ctr: r.metrics.ctr, content: r.weights[k] });
      const last = runs[runs.length - 1];
      log(`${scenario} ${encoder} seed ${seed}: ctr after the shift ${last.ctr_after_shift.toFixed(4)}, content weight ${last.content_after_shift.toFixed(3)}`);
    }
  }
  return { runs, rounds, shift };
}

/**
 * Text encoders: load (or training) time and sentences per second of hashing, lm, pretrained and minilm, on the
 * cold-start world (1,000 item descriptions; the lm trains on those plus 1,000 queries and 500 reviews), with each
 * encoder's nearest-neighbour topic purity of the item vectors (k = 10); sentences per second are the fastest of
 * five passes over the 1,000 texts. pretrained is timed twice: its first use on a machine (one streaming pass over
 * the package's 307 MB JSON to keep the words the world needs, written to a fresh cache) and every later use
 * (reading that subset back). minilm is all-MiniLM-L6-v2 from
 * $DRIFT_LAB_MODEL_DIR when set, else the tiny random BERT of scripts/make-tiny-onnx.ts (speed of the loading and
 * pooling path only; its vectors mean nothing). Caches used are temporary, so every number is a cold start.
 * The case `content-cold-start` (`npm run bench -- content-cold-start`, ~3 min): the content component alone on
 * cold-start, seeds 1–5, with hashing, lm and pretrained, each frozen and with the click-trained adapter: mean
 * NDCG@10 over the run and over each third of it.
 * `npx tsx bench/encoders.bench.ts [content]` runs it alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setupBackend } from "../cli/backend.js";
import { loadEmbeddings, MODEL_DIR_ENV, openMiniLm } from "../cli/embeddings.js";
import { loadScenario, loadVocabulary } from "../cli/files.js";
import type { Encoder } from "../lib/encoders/encoder.js";
import { createHashingEncoder } from "../lib/encoders/hashing.js";
import { createLmEncoder, trainLm } from "../lib/encoders/lm.js";
import { createPretrainedEncoder } from "../lib/encoders/pretrained.js";
import { locatePackage, vocabularySubset } from "../cli/pretrained-vectors.js";
import { topicPurity } from "../lib/encoders/topic-purity.js";
import { runScenario } from "../lib/simulation/run.js";
import { worldCorpus, worldItems } from "../lib/simulation/world-corpus.js";
import { makeTinyModel } from "../scripts/make-tiny-onnx.js";

interface EncoderTiming {
  name: string;
  trainSeconds: number;
  sentencesPerSecond: number;
  purity: number;
  dim: number;
}

async function time(name: string, open: () => Promise<Encoder>, texts: string[], labels: Int32Array): Promise<EncoderTiming> {
  const started = performance.now();
  const encoder = await open();
  const trainSeconds = (performance.now() - started) / 1000;
  await encoder.encode(texts.slice(0, 32));
  // the fastest of five passes: the machine is shared, and a slow pass says more about the neighbours than the encoder
  let seconds = Infinity;
  let vectors: Float32Array = new Float32Array(0);
  for (let pass = 0; pass < 5; pass++) {
    const t0 = performance.now();
    vectors = await encoder.encode(texts);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  encoder.dispose();
  return { name, trainSeconds, sentencesPerSecond: texts.length / seconds, purity: topicPurity(vectors, encoder.dim, labels, 10), dim: encoder.dim };
}

export async function run(): Promise<void> {
  const backend = await setupBackend();
  const config = loadScenario("cold-start");
  const vocabulary = loadVocabulary(config.world.topics);
  const items = worldItems(config, vocabulary);
  const corpus = worldCorpus(config, vocabulary, items);
  console.log(`Encoders on cold-start (${items.count} item texts; lm corpus ${corpus.length} texts), TensorFlow.js backend ${backend}`);
  const rows: EncoderTiming[] = [];
  rows.push(await time("hashing", async () => createHashingEncoder({ dim: 64 }), items.text, items.mainTopic));
  rows.push(await time("lm", async () => createLmEncoder(await trainLm(corpus, { dim: 64 })), items.text, items.mainTopic));
  let installed = true;
  try {
    locatePackage();
  } catch (e) {
    installed = false;
    console.log(`pretrained: not measured (${(e as Error).message})`);
  }
  if (installed) {
    const cache = mkdtempSync(join(tmpdir(), "drift-lab-pretrained-bench-"));
    try {
      const open = async () => createPretrainedEncoder((await vocabularySubset(cache)).table);
      rows.push(await time("pretrained (first use)", open, items.text, items.mainTopic));
      rows.push(await time("pretrained (cached subset)", open, items.text, items.mainTopic));
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }
  const real = process.env[MODEL_DIR_ENV];
  const dir = real ? undefined : mkdtempSync(join(tmpdir(), "drift-lab-tiny-bert-"));
  try {
    if (dir) makeTinyModel(join(dir, "tiny-bert"));
    const name = real ? "minilm" : "minilm (tiny random BERT)";
    rows.push(await time(name, () => openMiniLm(real ?? join(dir!, "tiny-bert"), dir ?? undefined), items.text, items.mainTopic));
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(26)} train/load ${r.trainSeconds.toFixed(2).padStart(6)} s  ${Math.round(r.sentencesPerSecond).toString().padStart(8)} sentences/s  ` +
        `dim ${String(r.dim).padStart(3)}  topic purity@10 ${r.purity.toFixed(3)}`,
    );
  }
}

/** Mean NDCG@10 of the content component on cold-start over `seeds`, for each encoder, frozen and adapted. */
export async function contentColdStart(seeds = [1, 2, 3, 4, 5]): Promise<void> {
  const backend = await setupBackend();
  console.log(`content alone on cold-start, seeds ${seeds.join(", ")}: NDCG@10 mean over the run [first, second, last third] (backend ${backend})`);
  for (const kind of ["hashing", "lm", "pretrained"]) {
    for (const adapter of [0, 1]) {
      const totals = [0, 0, 0, 0];
      for (const seed of seeds) {
        const config = loadScenario("cold-start", [
          `run.seed=${seed}`,
          "recommender.components=content",
          `encoder.kind=${kind}`,
          `recommender.options.content.adapter=${adapter}`,
        ]);
        const vocabulary = loadVocabulary(config.world.topics);
        const embeddings = await loadEmbeddings(config, vocabulary, { log: () => {} });
        const { records } = runScenario(config, vocabulary, { embeddings });
        const mean = (from: number, to: number) => records.slice(from, to).reduce((s, r) => s + r.metrics.ndcg, 0) / (to - from);
        const n = records.length;
        [mean(0, n), mean(0, n / 3), mean(n / 3, (2 * n) / 3), mean((2 * n) / 3, n)].forEach((v, j) => (totals[j] += v / seeds.length));
      }
      const [all, ...thirds] = totals;
      console.log(`${`${kind}${adapter ? " + adapter" : " (frozen)"}`.padEnd(22)} ndcg@10 ${all.toFixed(4)}  [${thirds.map((t) => t.toFixed(4)).join(", ")}]`);
    }
  }
}

export const cases = [{ name: "content-cold-start", run: () => contentColdStart() }];

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await (process.argv[2] === "content" ? contentColdStart() : run());

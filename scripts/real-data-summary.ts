/**
 * Replays the whole of a MovieLens release with `drift-lab replay`'s defaults and writes the real-data page's
 * summary (data/real-data-summary.json, see cli/real-data-summary.ts). `npx tsx scripts/real-data-summary.ts [DIR]`.
 */
import { basename } from "node:path";
import { Flags, parseArgs } from "../cli/args.js";
import { setupBackend } from "../cli/backend.js";
import { REPLAY_FLAGS, replayEncoder, replayOptionsFromFlags } from "../cli/commands/replay.js";
import { writeAtomic } from "../cli/files.js";
import { readMovieLens, resolveDataDir } from "../cli/movielens.js";
import { createRowNormaliser, defaultThreads } from "../cli/normalise/threaded-normaliser.js";
import { REAL_DATA_SUMMARY, realDataSummary } from "../cli/real-data-summary.js";
import { Replay } from "../lib/index.js";

await setupBackend();
const dir = resolveDataDir(process.argv[2]);
const { missing, ...options } = replayOptionsFromFlags(new Flags(parseArgs([], REPLAY_FLAGS, "replay"), "replay"));
if (missing.length) throw new Error(`policies missing from this build: ${missing.join(", ")}`);
const data = await readMovieLens(dir);
const encoder = await replayEncoder("pretrained", data, options);
// threads as `drift-lab replay` takes them by default, so that the page's seconds are the command's
const normaliser = createRowNormaliser(defaultThreads());
const replay = new Replay(data, options, encoder, normaliser);
const started = performance.now();
const result = replay.run();
replay.dispose();
normaliser.dispose();
const seconds = (performance.now() - started) / 1000;
const summary = realDataSummary(basename(dir), data.ratings.count, replay, result, seconds, encoder?.model ?? "hashing");
writeAtomic(REAL_DATA_SUMMARY, JSON.stringify(summary) + "\n");
console.log(`${REAL_DATA_SUMMARY}: ${result.ratings} ratings replayed in ${seconds.toFixed(0)} s`);

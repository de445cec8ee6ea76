import { MOVIELENS_RELEASES } from "../lib/index.js";
import { LOCK_FILE } from "./lock.js";

/**
 * What each command writes into its output directory. A directory holding only these names (and the lab's
 * temporary entries) is the lab's: `--force` may replace it. Anything else in it is the user's, and no command
 * replaces or mixes into it.
 */
export const OUTPUT_FILES: Record<string, readonly string[]> = {
  run: ["rounds.csv", "weights.csv", "summary.json", "config.json", "llm-transcript.jsonl"],
  replay: ["replay.csv", "summary.csv", "weights.csv", "windows.csv", "held-out.csv", "differences.csv", "config.json"],
  sweep: ["sweep.csv", "sweep.json", "llm-transcript.jsonl", LOCK_FILE],
  compare: ["compare.csv", "recovery.csv"],
  language: ["encoders.csv", "overlap.csv"],
  tune: ["validation", "test", "tune.json", LOCK_FILE],
  data: [...new Set(Object.values(MOVIELENS_RELEASES).flatMap((r) => r.files))],
};

const ANY = new Set(Object.values(OUTPUT_FILES).flat());

export function isLabOutput(name: string): boolean {
  return ANY.has(name);
}

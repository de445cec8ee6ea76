import { appendFileSync, existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * The calls of an llm run that did not finish cost time or money, and its transcript lives in the run's staging
 * directory, which is removed. Before it is, the transcript is kept beside the output directory as
 * DIR.partial-llm-transcript.jsonl: at once when the run fails, by the next command that writes beside DIR when
 * the run was killed. An earlier partial transcript there is appended to, never replaced (lookups go by key, so a
 * repeated call does no harm).
 */
export const TRANSCRIPT_FILE = "llm-transcript.jsonl";

export function partialTranscriptPath(target: string): string {
  return `${target}.partial-${TRANSCRIPT_FILE}`;
}

/**
 * Moves `stagingDir`'s transcript, if it has calls, to the end of `target`'s partial transcript (best effort);
 * returns where it went, or null.
 */
export function keepPartialTranscript(stagingDir: string, target: string): string | null {
  const transcript = join(stagingDir, TRANSCRIPT_FILE);
  const kept = partialTranscriptPath(target);
  try {
    if (!existsSync(transcript) || statSync(transcript).size === 0) return null;
    appendFileSync(kept, readFileSync(transcript));
    rmSync(transcript);
    return kept;
  } catch {
    // nowhere to keep it: the staging directory is removed with it
    return null;
  }
}

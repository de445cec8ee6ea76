import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { formatExchange, llmOptions, parseTranscript, TranscriptClient, type Exchange, type LlmClient, type ScenarioConfig } from "../../lib/index.js";
import { UsageError, type FlagSpec } from "../args.js";
import { createHttpBackend } from "./http-backend.js";
import { createLlamaBackend } from "./llama-backend.js";

/** The command line's LLM settings (`--llm-transcript FILE`, `--llm-fill`). */
export interface LlmFlags {
  /** Answer from this transcript; with no `fill`, a call it lacks stops the run. */
  transcript?: string;
  /** Call the backend for exchanges the transcript lacks. */
  fill?: boolean;
}

export const LLM_FLAGS: FlagSpec = { "llm-transcript": "string", "llm-fill": "boolean" };

export const LLM_FLAGS_HELP = `--llm-transcript FILE (policy.kind=llm): answer every call from FILE (a transcript, e.g. an earlier run's
llm-transcript.jsonl) with no model at all; a call FILE lacks (a changed prompt, model or settings) stops the run
naming its round. --llm-fill: call the backend for the calls FILE lacks instead (resumes an interrupted run).`;

export interface LlmSession {
  client: LlmClient;
  dispose(): Promise<void>;
}

export function readTranscript(path: string): Map<string, Exchange> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`--llm-transcript: cannot read '${path}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseTranscript(text, path);
}

/**
 * The client of a run with policy.kind=llm: the transcript (when given) in front of the backend (when needed).
 * Every exchange of the run, replayed or live, goes in call order to `onExchange` and, appended as it is made
 * (an interrupted run keeps its calls), to the file `output` (read --llm-transcript first: it may be the same
 * file). Undefined for other policies; --llm-transcript or --llm-fill with another policy is a usage error.
 */
export async function openLlmSession(config: ScenarioConfig, flags: LlmFlags, output?: string, onExchange?: (e: Exchange) => void): Promise<LlmSession | undefined> {
  if (config.policy.kind !== "llm") {
    if (flags.transcript !== undefined || flags.fill) throw new UsageError(`--llm-transcript/--llm-fill: the run's policy is '${config.policy.kind}', not llm`);
    return undefined;
  }
  if (flags.fill && flags.transcript === undefined) throw new UsageError("--llm-fill: needs --llm-transcript FILE");
  const o = llmOptions(config.policy.options);
  const recorded = flags.transcript !== undefined ? readTranscript(flags.transcript) : undefined;
  const needsBackend = flags.transcript === undefined || flags.fill;
  const llama = needsBackend && o.backend === "llama" ? await createLlamaBackend(o) : undefined;
  const live = !needsBackend ? undefined : (llama ?? createHttpBackend({ ...o, apiKey: process.env[o.apiKeyEnv] || undefined }));
  if (output !== undefined) writeFileSync(output, "");
  const record = (e: Exchange, replayed: boolean) => {
    if (output !== undefined) appendFileSync(output, formatExchange(e));
    if (!replayed && e.reply.error) {
      const where = o.backend === "http" ? ` from ${o.url}` : "";
      process.stderr.write(`\ndrift-lab: llm: the call after round ${e.round} got no answer${where} (${e.reply.error.kind}: ${e.reply.error.detail}); the weights serving stay\n`);
    }
    onExchange?.(e);
  };
  return {
    client: new TranscriptClient({ recorded, live, source: flags.transcript, onExchange: record }),
    dispose: async () => llama?.dispose(),
  };
}

import { type Cell, type Exchange, formatCsv, NonFiniteWeightError, runScenarioAsync } from "../../lib/index.js";
import { setupBackend } from "../backend.js";
import { loadEmbeddings } from "../embeddings.js";
import { loadScenario } from "../files.js";
import { openLlmSession, type LlmFlags } from "../llm/session.js";
import { prepareWorld } from "../world-source.js";
import { SWEEP_METRICS, sweepMetrics } from "./row.js";

/** One run of a sweep, as sent to a worker. */
export interface RunRequest {
  id: number;
  scenario: string;
  /** --set assignments: the sweep's own, then the grid point's, then run.seed and run.rounds. */
  sets: string[];
  /** Grid values and seed, the row's first cells. */
  key: string[];
  /** policy.kind=llm: the transcript to answer from, and whether to call the backend for what it lacks. */
  llm?: LlmFlags;
}

/** A finished run: its sweep.csv line and, for policy.kind=llm, its exchanges in call order. */
export interface RunReply {
  line: string;
  exchanges: Exchange[];
}

/**
 * Runs one request and returns its complete sweep.csv line (with the trailing newline). A run whose weights
 * became non-finite (e.g. α outside a rule's stable region) is a result, not a failure: its metrics are empty and
 * the `weights` cell says where it stopped.
 */
export async function runRequest(request: RunRequest): Promise<RunReply> {
  await setupBackend();
  const { config, vocabulary, source } = await prepareWorld(loadScenario(request.scenario, request.sets), undefined);
  const embeddings = await loadEmbeddings(config, vocabulary, { source });
  const exchanges: Exchange[] = [];
  const llm = await openLlmSession(config, request.llm ?? {}, undefined, (e) => exchanges.push(e));
  let metrics: Cell[];
  try {
    metrics = sweepMetrics((await runScenarioAsync(config, vocabulary, { source, embeddings, llm: llm?.client })).summary);
  } catch (e) {
    if (!(e instanceof NonFiniteWeightError)) throw e;
    metrics = SWEEP_METRICS.map((m) => (m === "weights" ? `diverged at round ${e.round}` : null));
  } finally {
    await llm?.dispose();
  }
  return { line: formatCsv([], [[...request.key, ...metrics]]).slice(1), exchanges };
}

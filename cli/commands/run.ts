import { join } from "node:path";
import { type RunResult, runFiles, runScenarioAsync, type RunSummary } from "../../lib/index.js";
import type { Flags, FlagSpec } from "../args.js";
import { loadEmbeddings } from "../embeddings.js";
import { loadScenario } from "../files.js";
import { LLM_FLAGS, LLM_FLAGS_HELP, openLlmSession } from "../llm/session.js";
import { checkMemory, MEMORY_HELP, memoryLimit } from "../memory.js";
import { createRowNormaliser, defaultThreads } from "../normalise/threaded-normaliser.js";
import { StagedDirectory } from "../output.js";
import { keepPartialTranscript, TRANSCRIPT_FILE } from "../partial-transcript.js";
import { Progress } from "../progress.js";
import { prepareWorld } from "../world-source.js";

export const RUN_HELP = `drift-lab run --scenario <name|file> [--seed N] [--rounds N] [--set key=value]... [--threads N] [--max-memory SIZE] --out DIR [--force]

Runs one scenario and writes DIR/rounds.csv, DIR/weights.csv, DIR/summary.json and DIR/config.json; with
policy.kind=llm also DIR/llm-transcript.jsonl, every call's prompt and reply. They are written as a set: into a
new directory beside DIR, renamed into place when all are done. A DIR that holds anything is refused unless --force,
which replaces it (only when it holds nothing but drift-lab's outputs). A run with policy.kind=llm that fails after
calling the model keeps the calls made in DIR.partial-llm-transcript.jsonl beside DIR (replay them with
--llm-transcript FILE --llm-fill); a killed one's calls are moved there by the next command that writes DIR.
--data DIR: the MovieLens release of a scenario with data.source movielens (default ./data/ml-latest-small).
--threads N: threads that rank-normalise the components' scores (1: the loop's own thread only; default 2 on a
machine with two cores or more). The output does not depend on it.
--set takes dotted paths into the scenario, e.g. --set policy.alpha=0.2 --set recommender.components=popularity,random
${LLM_FLAGS_HELP}
${MEMORY_HELP}`;

export const RUN_FLAGS: FlagSpec = {
  scenario: "string",
  seed: "string",
  rounds: "string",
  set: "multiple",
  threads: "string",
  data: "string",
  out: "string",
  force: "boolean",
  "max-memory": "string",
  ...LLM_FLAGS,
};

export function scenarioFromFlags(flags: Flags) {
  const sets = flags.all("set");
  const seed = flags.integer("seed", 0);
  const rounds = flags.integer("rounds", 1);
  if (seed !== undefined) sets.push(`run.seed=${seed}`);
  if (rounds !== undefined) sets.push(`run.rounds=${rounds}`);
  return loadScenario(flags.required("scenario", "a built-in name or a JSON file"), sets);
}

export async function runCommand(flags: Flags): Promise<void> {
  const scenario = scenarioFromFlags(flags);
  const out = flags.required("out", "the output directory");
  const dataDir = flags.string("data");
  const threads = flags.integer("threads", 1, 64) ?? defaultThreads();
  const force = flags.bool("force");
  const limit = memoryLimit(flags);
  const llmFlags = { transcript: flags.string("llm-transcript"), fill: flags.bool("llm-fill") };
  flags.done();
  checkMemory(scenario, { limit, threads });
  const staged = StagedDirectory.open(out, { force });
  const transcript = join(staged.dir, TRANSCRIPT_FILE);
  try {
    const { config, vocabulary, source } = await prepareWorld(scenario, dataDir);
    checkMemory(config, { limit, threads });
    const embeddings = await loadEmbeddings(config, vocabulary, { source });
    const llm = await openLlmSession(config, llmFlags, transcript);
    const progress = new Progress(config.run.rounds, `${config.name} seed ${config.run.seed}`);
    const normaliser = createRowNormaliser(threads);
    let run: RunResult;
    try {
      run = await runScenarioAsync(config, vocabulary, {
        source,
        embeddings,
        normaliser,
        llm: llm?.client,
        onRound: (r) => progress.tick(r.round + 1, `ctr ${r.metrics.ctr.toFixed(3)}`),
      });
    } finally {
      normaliser.dispose();
      await llm?.dispose();
    }
    const { records, summary } = run;
    for (const [file, text] of Object.entries(runFiles(config, records))) staged.write(file, text);
    staged.write("summary.json", JSON.stringify(summary, null, 2) + "\n");
    staged.commit();
    process.stdout.write(summaryTable(summary));
  } finally {
    keepPartialTranscript(staged.dir, staged.target);
    staged.discard();
  }
}

export function summaryTable(s: RunSummary): string {
  const rows: [string, string][] = [
    ["scenario", `${s.scenario} (seed ${s.seed}, ${s.rounds} rounds)`],
    ["policy", s.policy],
    ...(["ctr", "conversion", "precision", "recall", "ndcg", "hit_rate", "regret", "ild", "coverage", "gini", "novelty"] as const).map(
      (m): [string, string] => [m, `mean ${s.means[m].toFixed(4)}  final ${s.final[m].toFixed(4)}`],
    ),
    ["volatility", s.stability.volatility.toFixed(4)],
    ...(s.stability.recovered === null
      ? []
      : ([["recovery", s.stability.recovered ? `${s.stability.recovery} rounds` : `not within the run (> ${s.stability.recoveryWindow} rounds)`]] as [string, string][])),
    ["weights", Object.entries(s.finalWeights).map(([c, w]) => `${c}=${w.toFixed(3)}`).join(" ")],
    ...(s.llm ? [["llm", llmLine(s.llm)] as [string, string]] : []),
    ["elapsed", `${s.elapsedSeconds.toFixed(2)} s`],
    ["worldDigest", s.worldDigest],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n") + "\n";
}

function llmLine(c: NonNullable<RunSummary["llm"]>): string {
  const reasons = Object.entries(c.fallbackReasons).map(([r, n]) => `${r} ${n}`).join(", ");
  return (
    `${c.calls} calls, ${c.used} used (${c.repaired} repaired), ${c.fallbacks} fallbacks${reasons ? ` (${reasons})` : ""}; ` +
    `tokens ${c.promptTokens} in, ${c.completionTokens} out; latency mean ${(c.latencyMs.mean / 1000).toFixed(2)} s`
  );
}

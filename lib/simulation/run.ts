import type { ScenarioConfig } from "../scenario/config.js";
import type { Vocabulary } from "../world/topics.js";
import { Simulation, type RoundRecord, type SimulationOptions } from "./simulation.js";
import { summarise, type RunSummary } from "./summary.js";

export interface RunResult {
  records: RoundRecord[];
  summary: RunSummary;
  simulation: Simulation;
}

export type RunOptions = SimulationOptions & { onRound?: (record: RoundRecord) => void };

interface Run {
  simulation: Simulation;
  records: RoundRecord[];
  started: number;
}

function start(config: ScenarioConfig, vocabulary: Vocabulary, options: RunOptions): Run {
  const started = performance.now();
  return { simulation: new Simulation(config, vocabulary, options), records: [], started };
}

function play(run: Run, options: RunOptions): void {
  const record = run.simulation.step();
  run.records.push(record);
  options.onRound?.(record);
}

function finish(config: ScenarioConfig, { simulation, records, started }: Run): RunResult {
  const elapsed = (performance.now() - started) / 1000;
  const summary = summarise(config, records, simulation.world.worldDigest(), elapsed, simulation.policy.llm?.costs());
  return { records, summary, simulation };
}

/**
 * Runs a scenario to the end. `onRound` sees each record as it is made (progress, streaming output). A policy
 * whose calls are answered asynchronously (llm through a live backend) needs `runScenarioAsync`.
 */
export function runScenario(config: ScenarioConfig, vocabulary: Vocabulary, options: RunOptions = {}): RunResult {
  const run = start(config, vocabulary, options);
  try {
    while (!run.simulation.done) play(run, options);
  } finally {
    run.simulation.dispose();
  }
  return finish(config, run);
}

/** runScenario that awaits the policy's calls between rounds; the same records for the same answers. */
export async function runScenarioAsync(config: ScenarioConfig, vocabulary: Vocabulary, options: RunOptions = {}): Promise<RunResult> {
  const run = start(config, vocabulary, options);
  try {
    while (!run.simulation.done) {
      play(run, options);
      await run.simulation.settle();
    }
  } finally {
    run.simulation.dispose();
  }
  return finish(config, run);
}

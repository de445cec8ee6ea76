import type { ScenarioConfig } from "../scenario/config.js";
import type { Vocabulary } from "../world/topics.js";
import { Simulation, type RoundRecord, type SimulationOptions } from "./simulation.js";
import { summarise, type RunSummary } from "./summary.js";

export interface RunResult {
  records: RoundRecord[];
  summary: RunSummary;
  simulation: Simulation;
}

/** Runs a scenario to the end. `onRound` sees each record as it is made (progress, streaming output). */
export function runScenario(
  config: ScenarioConfig,
  vocabulary: Vocabulary,
  options: SimulationOptions & { onRound?: (record: RoundRecord) => void } = {},
): RunResult {
  const started = performance.now();
  const simulation = new Simulation(config, vocabulary, options);
  const records: RoundRecord[] = [];
  try {
    while (!simulation.done) {
      const record = simulation.step();
      records.push(record);
      options.onRound?.(record);
    }
  } finally {
    simulation.dispose();
  }
  const elapsed = (performance.now() - started) / 1000;
  return { records, summary: summarise(config, records, simulation.world.worldDigest(), elapsed), simulation };
}

import { calibrateWorld, type ScenarioConfig, type Vocabulary, type WorldSource } from "../lib/index.js";
import { UsageError } from "./args.js";
import { loadVocabulary } from "./files.js";
import { readMovieLens, resolveDataDir } from "./movielens.js";

export interface PreparedWorld {
  /** The scenario with the sizes the data fixes (world.users, world.items) filled in. */
  config: ScenarioConfig;
  vocabulary: Vocabulary;
  source?: WorldSource;
}

/**
 * What a run needs besides the scenario: the vocabulary, and for `data.source: movielens` the calibrated catalog
 * and population read from --data DIR (else data.dir, else ./data/ml-latest-small). Errors in one line when the
 * data is missing, naming `drift-lab data fetch movielens`.
 */
export async function prepareWorld(config: ScenarioConfig, dataFlag: string | undefined): Promise<PreparedWorld> {
  if (config.data.source === "synthetic") {
    if (dataFlag !== undefined) throw new UsageError(`--data: scenario '${config.name}' does not read data (data.source is synthetic)`);
    return { config, vocabulary: loadVocabulary(config.world.topics) };
  }
  const dir = resolveDataDir(dataFlag ?? (config.data.dir || undefined));
  const data = await readMovieLens(dir);
  const sized: ScenarioConfig = {
    ...config,
    world: { ...config.world, users: data.userIds.length, items: data.movies.length },
    data: { ...config.data, dir },
  };
  const world = calibrateWorld(data, sized.world, sized.run.rounds, loadVocabulary(2));
  return { config: sized, vocabulary: world.vocabulary, source: { items: world.items, users: world.users } };
}

import { Stream } from "../random/stream.js";
import type { ScenarioConfig } from "../scenario/config.js";
import { generateItems, type Items } from "../world/items.js";
import type { Vocabulary } from "../world/topics.js";
import { queryPhrases, reviewParts } from "../world/text.js";
import { sayQuery, sayReview } from "../world/wording.js";
import { interestProfile } from "../world/users.js";

/** The catalog a run of this config will have (the same items `Simulation` builds), without running it. */
export function worldItems(config: ScenarioConfig, vocabulary: Vocabulary): Items {
  return generateItems(config.world, vocabulary, config.run.rounds, new Stream(config.run.seed).fork("world/items"));
}

/**
 * The text a language model of this world may learn from: every item description, plus queries and reviews
 * written the way the world's users write them (from fresh interest profiles, on a stream of their own, worded
 * at the world's paraphrase rate from another stream, so the catalogue-worded draws do not depend on the rate).
 */
export function worldCorpus(config: ScenarioConfig, vocabulary: Vocabulary, items = worldItems(config, vocabulary)): string[] {
  const stream = new Stream(config.run.seed).fork("corpus");
  const wording = new Stream(config.run.seed).fork("corpus/paraphrase");
  const rate = config.world.paraphrase;
  const corpus = items.text.slice();
  for (let j = 0; j < items.count; j++) {
    corpus.push(sayQuery(queryPhrases(softmax(interestProfile(config.world, stream)), vocabulary, stream), vocabulary, rate, wording));
  }
  for (let j = 0; j < items.count / 2; j++) {
    const item = stream.int(items.count);
    const positive = stream.next() < 0.5;
    corpus.push(sayReview(reviewParts(items.mainTopic[item], positive, vocabulary, stream), positive, vocabulary, rate, wording));
  }
  return corpus;
}

function softmax(z: Float64Array): Float64Array {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

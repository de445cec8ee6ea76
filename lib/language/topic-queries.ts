import type { Stream } from "../random/stream.js";
import { queryPhrases } from "../world/text.js";
import type { Vocabulary } from "../world/topics.js";
import { sayQuery } from "../world/wording.js";

/** A search query about one topic, as a user would type it. */
export interface TopicQuery {
  text: string;
  topic: number;
}

/**
 * `perTopic` queries about each of the first `topics` topics, drawn as the world draws a query (1–2 catalogue
 * phrases) from an interest that is all on that topic, then worded at paraphrase rate `rate`. The catalogue
 * phrases come from `stream` and the wording from `wording`, so the same phrases are asked at every rate.
 */
export function topicQueries(vocabulary: Vocabulary, topics: number, perTopic: number, rate: number, stream: Stream, wording: Stream): TopicQuery[] {
  const out: TopicQuery[] = [];
  for (let k = 0; k < topics; k++) {
    const theta = new Float64Array(topics);
    theta[k] = 1;
    for (let j = 0; j < perTopic; j++) out.push({ topic: k, text: sayQuery(queryPhrases(theta, vocabulary, stream), vocabulary, rate, wording) });
  }
  return out;
}

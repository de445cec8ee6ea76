import type { Stream } from "../random/stream.js";
import type { Vocabulary } from "./topics.js";

function pick<T>(list: T[], stream: Stream): T {
  return list[stream.int(list.length)];
}

/** A title and a description made from the phrases of an item's topics, in proportion to its mixture. */
export function describeItem(topics: number[], mix: ArrayLike<number>, vocabulary: Vocabulary, stream: Stream) {
  const main = topics[stream.categorical(mix)];
  const lead = vocabulary.filler.length ? pick(vocabulary.filler, stream) + " " : "";
  const title = lead + pick(vocabulary.topics[main].phrases, stream);
  const n = 4 + stream.int(3);
  const phrases: string[] = [];
  for (let j = 0; j < n; j++) phrases.push(pick(vocabulary.topics[topics[stream.categorical(mix)]].phrases, stream));
  return { title, text: `${title}: ${phrases.join(", ")}` };
}

/** A search query drawn from a user's current interest θ. */
export function userQuery(theta: ArrayLike<number>, vocabulary: Vocabulary, stream: Stream): string {
  const words = 1 + stream.int(2);
  const parts: string[] = [];
  for (let j = 0; j < words; j++) parts.push(pick(vocabulary.topics[stream.categorical(theta)].phrases, stream));
  return parts.join(" ");
}

/** A short review of an item whose sentiment follows the user's true utility of it. */
export function userReview(itemTopic: number, positive: boolean, vocabulary: Vocabulary, stream: Stream): string {
  const tone = positive ? vocabulary.sentiment.positive : vocabulary.sentiment.negative;
  return `${pick(tone, stream)}, ${pick(vocabulary.topics[itemTopic].phrases, stream)}`;
}

import type { Stream } from "../random/stream.js";
import type { Vocabulary } from "./topics.js";

/** A catalogue phrase and the topic it belongs to. */
export interface Phrase {
  topic: number;
  text: string;
}

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

/** The catalogue phrases a search query is about, drawn from a user's current interest θ. */
export function queryPhrases(theta: ArrayLike<number>, vocabulary: Vocabulary, stream: Stream): Phrase[] {
  const words = 1 + stream.int(2);
  const parts: Phrase[] = [];
  for (let j = 0; j < words; j++) {
    const topic = stream.categorical(theta);
    parts.push({ topic, text: pick(vocabulary.topics[topic].phrases, stream) });
  }
  return parts;
}

/** A search query in catalogue words, drawn from a user's current interest θ. */
export function userQuery(theta: ArrayLike<number>, vocabulary: Vocabulary, stream: Stream): string {
  return queryPhrases(theta, vocabulary, stream)
    .map((p) => p.text)
    .join(" ");
}

/** The parts of a short review in the catalogue-worded form: a fixed sentiment phrase and a phrase of the item's topic. */
export function reviewParts(itemTopic: number, positive: boolean, vocabulary: Vocabulary, stream: Stream): { tone: string; phrase: Phrase } {
  const tone = pick(positive ? vocabulary.sentiment.positive : vocabulary.sentiment.negative, stream);
  return { tone, phrase: { topic: itemTopic, text: pick(vocabulary.topics[itemTopic].phrases, stream) } };
}

/** A short review of an item whose sentiment follows the user's true utility of it. */
export function userReview(itemTopic: number, positive: boolean, vocabulary: Vocabulary, stream: Stream): string {
  const { tone, phrase } = reviewParts(itemTopic, positive, vocabulary, stream);
  return `${tone}, ${phrase.text}`;
}

import type { Stream } from "../random/stream.js";
import type { Phrase } from "./text.js";
import type { ReviewGrammar, Vocabulary } from "./topics.js";

/**
 * How users word what they write (world.paraphrase = ρ). Each catalogue phrase of a query or review is, with
 * probability ρ, replaced by one of its everyday wordings; each review is, with probability ρ, written free-form
 * from the review grammar (polarity words, intensifiers, negation) instead of with a fixed sentiment phrase.
 * At ρ = 0 nothing is drawn and the text is the catalogue-worded one. Draws come from a stream of their own
 * (the world's `world/paraphrase` fork), so the wording never shifts another draw of the world.
 */
export function sayPhrase(phrase: Phrase, vocabulary: Vocabulary, rate: number, stream: Stream): string {
  if (rate <= 0) return phrase.text;
  const draw = stream.next();
  const options = vocabulary.topics[phrase.topic].everyday[phrase.text] ?? [];
  const choice = stream.int(Math.max(1, options.length));
  return draw < rate && options.length > 0 ? options[choice] : phrase.text;
}

/** A query as the user types it. */
export function sayQuery(phrases: Phrase[], vocabulary: Vocabulary, rate: number, stream: Stream): string {
  return phrases.map((p) => sayPhrase(p, vocabulary, rate, stream)).join(" ");
}

/** A review as the user writes it: its catalogue-worded parts (reviewParts), reworded at rate ρ. */
export function sayReview(parts: { tone: string; phrase: Phrase }, positive: boolean, vocabulary: Vocabulary, rate: number, stream: Stream): string {
  if (rate <= 0) return `${parts.tone}, ${parts.phrase.text}`;
  const free = stream.next() < rate && vocabulary.reviews !== null;
  const topic = sayPhrase(parts.phrase, vocabulary, rate, stream);
  return free ? freeReview(vocabulary.reviews!, "all", positive, topic, stream) : `${parts.tone}, ${topic}`;
}

export type GrammarPart = "train" | "heldOut" | "all";

function words(split: { train: string[]; heldOut: string[] }, part: GrammarPart): string[] {
  return part === "all" ? [...split.train, ...split.heldOut] : split[part];
}

/**
 * A free-form review of the given polarity about `topic`, from the grammar's `part` (the lab's sentiment reader
 * trains on "train" and is tested on "heldOut"; the world writes from both). A template with `{neg}` says the
 * opposite of its word, so a positive review may read "never boring" and a negative one "not great".
 */
export function freeReview(grammar: ReviewGrammar, part: GrammarPart, positive: boolean, topic: string, stream: Stream): string {
  const templates = words(grammar.templates, part);
  const template = templates[stream.int(templates.length)];
  const negated = template.includes("{neg}");
  const adjectives = words(positive !== negated ? grammar.positive : grammar.negative, part);
  const intensifiers = words(grammar.intensifiers, part);
  const negators = words(grammar.negators, part);
  const fill: Record<string, string> = {
    adj: adjectives[stream.int(adjectives.length)],
    int: intensifiers[stream.int(intensifiers.length)],
    neg: negators[stream.int(negators.length)],
  };
  const text = template.replace(/\{([a-z]+)\}/g, (_, slot: string) => (slot === "topic" ? topic : fill[slot]));
  return text.replace(/\ba ([aeiou])/g, "an $1");
}

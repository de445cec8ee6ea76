/** The shipped vocabulary (data/topics.json): topic names, their phrases, how users say them, and the shared filler. */
export interface Topic {
  name: string;
  /** The time of day or week whose context raises this topic (periodic drift). */
  context: string;
  /** Catalogue wording: item descriptions are made of these. */
  phrases: string[];
  /** Everyday wording: for a catalogue phrase, what a user types instead (queries, reviews; world.paraphrase). */
  everyday: Record<string, string[]>;
}

/** A word list split into what the lab's sentiment reader trains on and what is kept to test it. */
export interface Split {
  train: string[];
  heldOut: string[];
}

/**
 * How users write free-form reviews: templates over polarity words, intensifiers and negators, each split into a
 * training part and a held-out part. A template holds `{adj}` (a polarity word), `{int}` (an intensifier),
 * `{neg}` (a negator: the template then says the opposite of its word) and `{topic}` (what the review is about).
 */
export interface ReviewGrammar {
  positive: Split;
  negative: Split;
  intensifiers: Split;
  negators: Split;
  templates: Split;
}

export interface Vocabulary {
  topics: Topic[];
  filler: string[];
  /** The fixed review phrases of the catalogue-worded world (world.paraphrase = 0). */
  sentiment: { positive: string[]; negative: string[] };
  /** Free-form reviews (written at rate world.paraphrase); null when the vocabulary has none. */
  reviews: ReviewGrammar | null;
}

const CONTEXT_PHASE: Record<string, number> = { morning: 0.25, work: 0.45, evening: 0.7, night: 0.9, weekend: 0.55 };

/** Where in the context cycle (0–1) a topic peaks. */
export function contextPhase(topic: Topic): number {
  return CONTEXT_PHASE[topic.context] ?? 0;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

function validateGrammar(g: unknown): ReviewGrammar | null {
  if (g === undefined || g === null) return null;
  const grammar = g as Record<string, unknown>;
  for (const key of ["positive", "negative", "intensifiers", "negators", "templates"] as const) {
    const split = grammar[key] as Split | undefined;
    if (!split || !isStrings(split.train) || !isStrings(split.heldOut) || split.train.length === 0 || split.heldOut.length === 0) {
      throw new Error(`vocabulary.reviews.${key}: needs non-empty 'train' and 'heldOut' lists of strings`);
    }
  }
  for (const t of [...(grammar.templates as Split).train, ...(grammar.templates as Split).heldOut]) {
    if (!t.includes("{adj}") || !t.includes("{topic}")) throw new Error(`vocabulary.reviews.templates: '${t}' needs {adj} and {topic}`);
  }
  return grammar as unknown as ReviewGrammar;
}

export function validateVocabulary(value: unknown, topics: number): Vocabulary {
  const v = value as Vocabulary;
  if (!v || !Array.isArray(v.topics)) throw new Error("vocabulary: expected an object with a 'topics' array");
  if (topics > v.topics.length) {
    throw new Error(`world.topics: ${topics} exceeds the ${v.topics.length} topics in the vocabulary (allowed: 2–${v.topics.length})`);
  }
  const checked = v.topics.map((t, i) => {
    if (typeof t.name !== "string" || !Array.isArray(t.phrases) || t.phrases.length < 2) {
      throw new Error(`vocabulary.topics[${i}]: needs a name and at least two phrases`);
    }
    const everyday = t.everyday ?? {};
    for (const [phrase, alternatives] of Object.entries(everyday)) {
      if (!t.phrases.includes(phrase)) throw new Error(`vocabulary.topics[${i}].everyday: '${phrase}' is not one of the topic's phrases`);
      if (!isStrings(alternatives) || alternatives.length === 0) throw new Error(`vocabulary.topics[${i}].everyday['${phrase}']: needs a non-empty list of strings`);
    }
    return { name: t.name, context: t.context, phrases: t.phrases, everyday };
  });
  return {
    topics: checked.slice(0, topics),
    filler: v.filler ?? [],
    sentiment: v.sentiment ?? { positive: ["good"], negative: ["bad"] },
    reviews: validateGrammar(v.reviews),
  };
}

/** Every text fragment the vocabulary can produce (catalogue and everyday phrases, filler, review words and templates). */
export function vocabularyTexts(v: Vocabulary): string[] {
  const texts = [...v.filler, ...v.sentiment.positive, ...v.sentiment.negative];
  for (const t of v.topics) texts.push(...t.phrases, ...Object.values(t.everyday).flat());
  if (v.reviews) for (const split of Object.values(v.reviews) as Split[]) texts.push(...split.train, ...split.heldOut);
  return texts.map((t) => t.replace(/\{[a-z]+\}/g, " "));
}

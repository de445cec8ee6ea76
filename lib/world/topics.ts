/** The shipped vocabulary (data/topics.json): topic names, their phrases and the shared filler. */
export interface Topic {
  name: string;
  /** The time of day or week whose context raises this topic (periodic drift). */
  context: string;
  phrases: string[];
}

export interface Vocabulary {
  topics: Topic[];
  filler: string[];
  sentiment: { positive: string[]; negative: string[] };
}

const CONTEXT_PHASE: Record<string, number> = { morning: 0.25, work: 0.45, evening: 0.7, night: 0.9, weekend: 0.55 };

/** Where in the context cycle (0–1) a topic peaks. */
export function contextPhase(topic: Topic): number {
  return CONTEXT_PHASE[topic.context] ?? 0;
}

export function validateVocabulary(value: unknown, topics: number): Vocabulary {
  const v = value as Vocabulary;
  if (!v || !Array.isArray(v.topics)) throw new Error("vocabulary: expected an object with a 'topics' array");
  if (topics > v.topics.length) {
    throw new Error(`world.topics: ${topics} exceeds the ${v.topics.length} topics in the vocabulary (allowed: 2–${v.topics.length})`);
  }
  v.topics.forEach((t, i) => {
    if (typeof t.name !== "string" || !Array.isArray(t.phrases) || t.phrases.length < 2) {
      throw new Error(`vocabulary.topics[${i}]: needs a name and at least two phrases`);
    }
  });
  return { topics: v.topics.slice(0, topics), filler: v.filler ?? [], sentiment: v.sentiment ?? { positive: ["good"], negative: ["bad"] } };
}

/** The words a language model knows, most frequent first, with their corpus counts. */
export interface WordVocabulary {
  words: string[];
  counts: Float64Array;
  index: Map<string, number>;
}

/** Words seen at least `minCount` times, at most `maxWords` of them; ties broken alphabetically (deterministic). */
export function buildWordVocabulary(sentences: string[][], minCount: number, maxWords: number): WordVocabulary {
  const tally = new Map<string, number>();
  for (const s of sentences) for (const w of s) tally.set(w, (tally.get(w) ?? 0) + 1);
  const kept = [...tally]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxWords);
  return vocabularyOf(
    kept.map(([w]) => w),
    kept.map(([, c]) => c),
  );
}

export function vocabularyOf(words: string[], counts: ArrayLike<number>): WordVocabulary {
  return { words, counts: Float64Array.from(counts), index: new Map(words.map((w, i) => [w, i])) };
}

/** Word ids of a tokenised sentence; unknown words are dropped. */
export function wordIds(tokens: string[], vocabulary: WordVocabulary): Int32Array {
  const ids: number[] = [];
  for (const t of tokens) {
    const i = vocabulary.index.get(t);
    if (i !== undefined) ids.push(i);
  }
  return Int32Array.from(ids);
}

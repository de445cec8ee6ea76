import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Stream } from "../lib/random/stream.js";
import { worldCorpus } from "../lib/simulation/world-corpus.js";
import { tokenize } from "../lib/encoders/encoder.js";
import { queryPhrases } from "../lib/world/text.js";
import { validateVocabulary } from "../lib/world/topics.js";
import { freeReview, sayPhrase, sayQuery } from "../lib/world/wording.js";
import { World } from "../lib/world/world.js";
import { builtin, vocabulary } from "./support/scenario.js";

/**
 * The world's queries and reviews over 40 rounds of `baseline`, seed 1, with fixed slates (so the texts depend on
 * the world alone), one line per text as "q round user text" and "r round user item positive text"; plus each
 * slate's outcomes and the world digest, which must not depend on the wording at all.
 */
function worldTexts(paraphrase: number) {
  const config = builtin("baseline", ["run.seed=1", "run.rounds=40", `world.paraphrase=${paraphrase}`]);
  const world = new World(config.world, vocabulary(config), config.run.rounds, new Stream(config.run.seed));
  const texts: string[] = [];
  const outcomes: string[] = [];
  for (let t = 0; t < 40; t++) {
    const state = world.advance();
    for (const q of world.queries()) texts.push(`q ${t} ${q.user} ${q.text}`);
    for (const u of state.active) {
      const slate = Array.from({ length: 10 }, (_, j) => (u * 7 + j * 13 + t) % state.items);
      const response = world.respond(u, slate);
      outcomes.push(response.outcomes.map((o) => Number(o.clicked) + Number(o.purchased)).join(""));
      for (const r of response.texts) texts.push(`r ${t} ${u} ${r.item} ${r.positive} ${r.text}`);
    }
  }
  return { texts, outcomes, digest: world.worldDigest(), corpus: worldCorpus(config, vocabulary(config)) };
}

const sha256 = (lines: string[]) => createHash("sha256").update(lines.map((l) => `${l}\n`).join("")).digest("hex");

describe("how users word queries and reviews (world.paraphrase)", () => {
  const zero = worldTexts(0);
  const half = worldTexts(0.5);
  const all = worldTexts(1);

  it("at rate 0 writes, draw for draw, the texts the world wrote before wording existed (hashes pinned from e5b825d)", () => {
    expect(zero.texts.length).toBe(854);
    expect(sha256(zero.texts)).toBe("aed505ce196612697d742843322d36f158cdc852dc124324631599f47b78d558");
    expect(sha256(zero.corpus.map((c) => `c ${c}`))).toBe("3ef277e2bd319c1bf74a680ff8b86818635d70ea92dde94421bc96633c4cb45f");
    expect(zero.digest).toBe("e9a0a7a95dae2400");
  });

  it("changes only the words: the same users write at the same moments, respond alike, and the world digest is unchanged", () => {
    for (const other of [half, all]) {
      expect(other.digest).toBe(zero.digest);
      expect(other.outcomes).toEqual(zero.outcomes);
      const slot = (line: string) => line.split(" ").slice(0, line.startsWith("r") ? 5 : 3).join(" ");
      expect(other.texts.map(slot)).toEqual(zero.texts.map(slot));
      expect(other.texts).not.toEqual(zero.texts);
    }
  });

  it("rewords each catalogue phrase with probability ρ (share within 4 standard errors) and every one at ρ = 1", () => {
    const config = builtin("baseline");
    const v = vocabulary(config);
    const phrases = Array.from({ length: 2000 }, (_, j) => ({ topic: j % v.topics.length, text: v.topics[j % v.topics.length].phrases[(j * 7) % 16] }));
    for (const rate of [0.25, 0.5, 1]) {
      const wording = new Stream(`wording-${rate}`);
      const changed = phrases.filter((p) => sayPhrase(p, v, rate, wording) !== p.text).length / phrases.length;
      const se = Math.sqrt((rate * (1 - rate)) / phrases.length);
      expect(Math.abs(changed - rate)).toBeLessThanOrEqual(4 * se + 1e-12);
    }
    const theta = new Float64Array(v.topics.length).fill(1);
    const stream = new Stream(3);
    const asked = queryPhrases(theta, v, stream);
    expect(sayQuery(asked, v, 0, new Stream(4))).toBe(asked.map((p) => p.text).join(" "));
  });

  it("writes everyday words that share few tokens with the catalogue phrase they stand for", () => {
    const v = vocabulary(builtin("baseline"));
    let shared = 0;
    let pairs = 0;
    for (const t of v.topics)
      for (const [phrase, alternatives] of Object.entries(t.everyday))
        for (const a of alternatives) {
          const words = new Set(tokenize(phrase));
          pairs++;
          if (tokenize(a).some((w) => words.has(w))) shared++;
        }
    expect(pairs).toBe(2 * 16 * 12);
    // counted in data/topics.json: 4 of the 384 everyday wordings of the first 12 topics repeat a word of their phrase
    expect(shared).toBe(4);
  });

  it("writes free reviews from one part of the grammar, saying the opposite of a negated word", () => {
    const v = vocabulary(builtin("baseline"));
    const g = v.reviews!;
    const stream = new Stream(5);
    for (let j = 0; j < 300; j++) {
      const positive = j % 2 === 0;
      for (const part of ["train", "heldOut"] as const) {
        const text = freeReview(g, part, positive, "rocket launch", stream);
        const words = tokenize(text);
        const negated = [...g.negators.train, ...g.negators.heldOut].some((n) => words.includes(n));
        const polar = (list: string[]) => list.some((w) => words.includes(w));
        expect(polar(g.positive[part]) || polar(g.negative[part]), text).toBe(true);
        const other = part === "train" ? "heldOut" : "train";
        expect(polar(g.positive[other]) || polar(g.negative[other]) || polar(g.intensifiers[other]), `${part}: ${text}`).toBe(false);
        // a positive review uses a positive word, or negates a negative one
        expect(polar(positive !== negated ? g.positive[part] : g.negative[part]), text).toBe(true);
      }
    }
  });

  it("rejects an everyday wording of a phrase the topic does not have", () => {
    const bad = { topics: [{ name: "a", context: "", phrases: ["x y", "z"], everyday: { "no such": ["w"] } }, { name: "b", context: "", phrases: ["p", "q"] }] };
    expect(() => validateVocabulary(bad, 2)).toThrow(/vocabulary.topics\[0\].everyday: 'no such' is not one of the topic's phrases/);
  });
});

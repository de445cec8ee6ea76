/**
 * A synthetic stand-in for MovieLens ml-1m (which cannot be downloaded on the bench machine), the same size and
 * format: 6,040 users, 3,706 movies, 1,000,209 ratings in '::'-separated ratings.dat, movies.dat and users.dat.
 * Realistic in what costs time in a replay: item popularity is Zipf-like (weight ∝ (rank + 10)^−1.1, so the top
 * movie gets a few thousand ratings and the median about a hundred, as in ml-1m), every user rates at least 20
 * movies with a heavy-tailed (log-normal) count, ratings 1–5 in ml-1m's shares, and each user rates in a few
 * sessions of minutes, starting at a time spread over 2000-04 to 2003-02 with most users in 2000 (many ratings
 * share a second, as in ml-1m). Deterministic in its seed. `npx tsx bench/synthetic-ml1m.ts DIR [seed]`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generator } from "./replay-reference.js";

export const ML1M_SIZE = { users: 6040, movies: 3706, ratings: 1_000_209 };

const GENRES = ["Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"];
const WORDS = ["night", "love", "city", "man", "last", "dark", "star", "blue", "home", "river", "war", "king", "dream", "lost", "secret", "game", "road", "heart", "fire", "island"];
const RATING_SHARES = [0.056, 0.108, 0.261, 0.349, 0.226];

export function writeSyntheticMl1m(dir: string, seed = 1): void {
  const next = generator(seed);
  const normal = () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
  const { users: U, movies: I, ratings: N } = ML1M_SIZE;
  mkdirSync(dir, { recursive: true });

  const movies: string[] = [];
  for (let m = 0; m < I; m++) {
    const year = 1919 + Math.min(81, Math.floor(81 * Math.sqrt(next())));
    const title = `${WORDS[Math.floor(next() * WORDS.length)]} ${WORDS[Math.floor(next() * WORDS.length)]} ${m + 1}`;
    const genres = [...new Set([0, 1, 2].slice(0, 1 + Math.floor(next() * 3)).map(() => GENRES[Math.floor(next() * GENRES.length)]))];
    movies.push(`${m + 1}::${title[0].toUpperCase()}${title.slice(1)} (${year})::${genres.join("|")}`);
  }
  writeFileSync(join(dir, "movies.dat"), movies.join("\n") + "\n", "latin1");
  writeFileSync(join(dir, "users.dat"), Array.from({ length: U }, (_, u) => `${u + 1}::${next() < 0.72 ? "M" : "F"}::25::${Math.floor(next() * 21)}::${10000 + Math.floor(next() * 89999)}`).join("\n") + "\n");

  // ratings per user: 20 + log-normal, scaled to N in total, at most 1,800
  const raw = Float64Array.from({ length: U }, () => Math.exp(4 + 1.1 * normal()));
  const total = raw.reduce((s, x) => s + x, 0);
  const counts = Int32Array.from(raw, (x) => Math.min(1800, 20 + Math.floor(((N - 20 * U) * x) / total)));
  let missing = N - counts.reduce((s, c) => s + c, 0);
  for (let u = 0; missing !== 0; u = (u + 1) % U) {
    const step = missing > 0 ? 1 : -1;
    if ((step > 0 && counts[u] < 1800) || (step < 0 && counts[u] > 20)) {
      counts[u] += step;
      missing -= step;
    }
  }
  // item popularity by a random rank
  const rank = Int32Array.from({ length: I }, (_, i) => i);
  for (let i = I - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [rank[i], rank[j]] = [rank[j], rank[i]];
  }
  const logWeight = Float64Array.from(rank, (r) => -1.1 * Math.log(r + 10));
  const start = Date.UTC(2000, 3, 25) / 1000;
  const span = Date.UTC(2003, 1, 28) / 1000 - start;
  const lines: string[] = [];
  const keys = new Float64Array(I);
  const order = Int32Array.from({ length: I }, (_, i) => i);
  for (let u = 0; u < U; u++) {
    // Gumbel top-k: counts[u] distinct movies drawn by weight
    for (let i = 0; i < I; i++) keys[i] = logWeight[i] - Math.log(-Math.log(next()));
    const chosen = Array.from(order).sort((a, b) => keys[b] - keys[a]).slice(0, counts[u]);
    let t = Math.floor(start + span * next() ** 4);
    for (const m of chosen) {
      // most ratings of a session share a second or follow within a minute; a new session now and then
      t += next() < 0.02 ? Math.floor(86400 * 30 * next()) : next() < 0.5 ? 0 : Math.floor(60 * next());
      let x = next();
      let stars = 0;
      while (stars < 4 && x >= RATING_SHARES[stars]) x -= RATING_SHARES[stars++];
      lines.push(`${u + 1}::${m + 1}::${stars + 1}::${t}`);
    }
  }
  writeFileSync(join(dir, "ratings.dat"), lines.join("\n") + "\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: npx tsx bench/synthetic-ml1m.ts DIR [seed]");
  writeSyntheticMl1m(dir, Number(process.argv[3] ?? 1));
  console.log(`wrote a synthetic ml-1m (${ML1M_SIZE.ratings} ratings) to ${dir}`);
}

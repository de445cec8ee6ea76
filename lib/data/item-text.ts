import type { Movie } from "./dataset.js";

/** A movie's title without its trailing year. */
export function bareTitle(title: string): string {
  return title.replace(/\s*\(\d{4}(?:[–-]\d{0,4})?\)\s*$/, "");
}

/** The text a component may read: title, year and genres, and tags when given. */
export function movieText(movie: Movie, tags: string[] = []): string {
  const parts = [bareTitle(movie.title)];
  if (movie.year !== null) parts.push(`year ${movie.year}`);
  if (movie.genres.length) parts.push(`genres ${movie.genres.join(", ").toLowerCase()}`);
  if (tags.length) parts.push(`tags ${tags.join(", ")}`);
  return parts.join(". ");
}

/** Each movie's distinct tags (lower-cased), most used first. */
export function tagsByMovie(movies: number, movie: Int32Array, tag: string[]): string[][] {
  const counts = Array.from({ length: movies }, () => new Map<string, number>());
  for (let t = 0; t < tag.length; t++) {
    const key = tag[t].toLowerCase();
    counts[movie[t]].set(key, (counts[movie[t]].get(key) ?? 0) + 1);
  }
  return counts.map((m) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t));
}

/** A MovieLens release, parsed and validated. Dense indices: movies in file order, users by ascending id. */
export interface Movie {
  /** The release's movieId. */
  id: number;
  title: string;
  /** The year in the title's trailing "(1995)", or null. */
  year: number | null;
  genres: string[];
}

/** Ratings in timestamp order (ties keep file order), as dense user and movie indices. */
export interface RatingTable {
  count: number;
  user: Int32Array;
  movie: Int32Array;
  rating: Float32Array;
  /** Seconds since 1970-01-01 UTC. */
  timestamp: Float64Array;
}

export interface TagTable {
  count: number;
  user: Int32Array;
  movie: Int32Array;
  tag: string[];
  timestamp: Float64Array;
}

/** ml-1m's users.dat. */
export interface Demographics {
  gender: string;
  age: number;
  occupation: number;
  zip: string;
}

export type MovieLensFormat = "csv" | "dat";

export interface MovieLensDataset {
  format: MovieLensFormat;
  movies: Movie[];
  /** userIds[u] is the release's userId of dense user u (ascending). */
  userIds: Int32Array;
  ratings: RatingTable;
  tags: TagTable;
  /** Per dense user when the release has users.dat (null for a user it does not list). */
  demographics?: (Demographics | null)[];
}

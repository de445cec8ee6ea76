/**
 * A MovieLens release the lab can fetch: where it comes from and how its download is checked, either per file
 * (`sha256`, checked before anything is written) or as a whole archive (`zipMd5`, the MD5 GroupLens publishes
 * beside the zip as <url>.md5), and which files are installed.
 */
export interface MovieLensRelease {
  name: string;
  url: string;
  host: string;
  sha256?: Record<string, string>;
  zipMd5?: string;
  /** The files installed (every file of `sha256` when given). */
  files: readonly string[];
  /** Ratings in the release, for the help text. */
  ratings: string;
}

/** Where MovieLens ml-latest-small comes from, what its files must hash to, and what its terms ask of users. */
export const ML_LATEST_SMALL = {
  name: "ml-latest-small",
  url: "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip",
  host: "files.grouplens.org",
  /** SHA-256 of each file of the official zip (generated 2018-09-26). */
  sha256: {
    "ratings.csv": "aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646",
    "movies.csv": "5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07",
    "tags.csv": "92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d",
    "links.csv": "97ad18e4e56a09363c65676b6cb3482ce3e2cea2372a24620c1599c843325f31",
    "README.txt": "caa1eb1d1d113578e9dbb36b37398404e00f379492b7aa31df0b30c855017095",
  } as Record<string, string>,
  files: ["ratings.csv", "movies.csv", "tags.csv", "links.csv", "README.txt"],
  ratings: "100,836 ratings, 610 users, 9,742 movies",
} as const;

/**
 * The releases `drift-lab data fetch movielens --release` knows. ml-1m and ml-10m are `::`-separated .dat files
 * (ml-1m's in Latin-1, with users.dat; ml-10m's with tags.dat, in the folder ml-10M100K); their zips are checked
 * against GroupLens's published MD5 (files.grouplens.org/datasets/movielens/<name>.zip.md5).
 */
export const MOVIELENS_RELEASES: Record<string, MovieLensRelease> = {
  "ml-latest-small": ML_LATEST_SMALL,
  "ml-1m": {
    name: "ml-1m",
    url: "https://files.grouplens.org/datasets/movielens/ml-1m.zip",
    host: "files.grouplens.org",
    zipMd5: "c4d9eecfca2ab87c1945afe126590906",
    files: ["ratings.dat", "movies.dat", "users.dat", "README"],
    ratings: "1,000,209 ratings, 6,040 users, 3,706 movies",
  },
  "ml-10m": {
    name: "ml-10m",
    url: "https://files.grouplens.org/datasets/movielens/ml-10m.zip",
    host: "files.grouplens.org",
    zipMd5: "ce571fd55effeba0271552578f2648bd",
    files: ["ratings.dat", "movies.dat", "tags.dat", "README.html"],
    ratings: "10,000,054 ratings, 69,878 users, 10,677 movies",
  },
};

export const MOVIELENS_CITATION =
  "F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: History and Context. " +
  "ACM Transactions on Interactive Intelligent Systems (TiiS) 5, 4: 19:1–19:19. https://doi.org/10.1145/2827872";

export const MOVIELENS_LICENSE = [
  "MovieLens data (GroupLens Research, University of Minnesota) is licensed for research use only:",
  "  - no commercial or revenue-bearing use without permission from GroupLens;",
  "  - redistribution (including transformations) only under these same conditions;",
  "  - publications using it must cite Harper & Konstan 2015 (doi:10.1145/2827872);",
  "  - do not state or imply endorsement by the University of Minnesota or GroupLens.",
  "The full terms are in README.txt beside the data.",
].join("\n");

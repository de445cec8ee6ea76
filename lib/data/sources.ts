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
} as const;

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

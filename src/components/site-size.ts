/**
 * The size every page is built at: the data loaders run the built-in scenarios at it (src/data/lab.ts), and the
 * playground starts from it. Small enough that every loader together (over the seeds below) finishes in about ten
 * minutes on 2 cores.
 */
export const SITE_SIZE = { users: 100, items: 300, rounds: 100 };

/** Seeds behind every figure (1 … SITE_SEEDS): at least five, so that each comparison has a paired interval. */
export const SITE_SEEDS = 5;

/**
 * The index headline's protocol on abrupt-shift (the source articles' train/validation/test): the best policy is
 * chosen on the validation seeds and its gain over static reported on the test seeds, which played no part in the
 * choice.
 */
export const HEADLINE_SEEDS = { validation: [1, 2, 3, 4, 5], test: [6, 7, 8, 9, 10] };

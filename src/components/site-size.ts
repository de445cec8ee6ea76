/**
 * The size every page is built at: the data loaders run the built-in scenarios at it (src/data/lab.ts), and the
 * playground starts from it. Small enough that every loader together finishes in a couple of minutes on 2 cores.
 */
export const SITE_SIZE = { users: 100, items: 300, rounds: 100 };

/**
 * The replay's mf settings (REPLAY_COMPONENT_OPTIONS.mf), chosen on the tuning slice: the first TUNING_SHARE of
 * ml-latest-small's ratings, by hit@10 of mf alone. `npx tsx scripts/tune-replay-mf.ts [DIR]` prints the grid.
 */
import { readMovieLens, resolveDataDir } from "../cli/movielens.js";
import { DEFAULT_REPLAY_OPTIONS, Replay, replaySettings, TUNING_SHARE } from "../lib/index.js";

const data = await readMovieLens(resolveDataDir(process.argv[2]));
const limit = Math.ceil(TUNING_SHARE * data.ratings.count);
const grid: Record<string, unknown>[] = [];
for (const solver of ["isgd", "isgd-bpr"]) for (const lr of [0.05, 0.1, 0.2, 0.4]) for (const randomNegatives of [4, 16]) grid.push({ solver, lr, randomNegatives, dim: 32, l2: 0.01 });
// around the best of those (isgd, 0.4, 16)
for (const [lr, randomNegatives] of [[0.3, 32], [0.4, 32], [0.6, 16], [0.6, 32]]) grid.push({ solver: "isgd", lr, randomNegatives, dim: 32, l2: 0.01 });
for (const dim of [16, 64]) grid.push({ solver: "isgd", lr: 0.4, randomNegatives: 16, dim, l2: 0.01 });
for (const l2 of [0.001, 0.03]) grid.push({ solver: "isgd", lr: 0.4, randomNegatives: 16, dim: 32, l2 });
console.log(`tuning slice: the first ${limit} of ${data.ratings.count} ratings`);
console.log("solver\tlr\tnegatives\tdim\tl2\thit@10\tseconds");
for (const g of grid) {
  const settings = replaySettings(["mf"], ["static"], DEFAULT_REPLAY_OPTIONS.policy, { mf: g });
  const replay = new Replay(data, { components: ["mf"], policies: [{ name: "mf", kind: "static", weights: { mf: 1 } }], limit, ...settings });
  const t0 = performance.now();
  const result = replay.run();
  replay.dispose();
  console.log([g.solver, g.lr, g.randomNegatives, g.dim, g.l2, result.summary[0].hit.toFixed(4), ((performance.now() - t0) / 1000).toFixed(1)].join("\t"));
}

/**
 * The MovieLens replay for the real-data page, on the first REAL_DATA_RATINGS ratings of ml-latest-small (the
 * whole replay is `drift-lab replay`). The data is never part of the site's sources: it is read from
 * $DRIFT_LAB_MOVIELENS, ./data/ml-latest-small or ../shared/data/ml-latest-small, and when none is there the page
 * gets a notice instead of numbers (the build still succeeds).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { setupBackend } from "../../cli/backend.js";
import { ROOT } from "../../cli/files.js";
import { readMovieLens, releaseFormat } from "../../cli/movielens.js";
import { DEFAULT_REPLAY_OPTIONS, MOVIELENS_CITATION, POLICY_KINDS, Replay, replayPolicySpecs, replaySettings } from "../../lib/index.js";
import { loader, log, round, siteComponents } from "./lab.js";

/** Small enough for the site build (about a minute on 2 shared cores), large enough for ten windows. */
const REAL_DATA_RATINGS = 10_000;
const WINDOW_EVENTS = 500;

function dataDir(): string | null {
  const candidates = [process.env.DRIFT_LAB_MOVIELENS, join(ROOT, "data", "ml-latest-small"), join(ROOT, "..", "shared", "data", "ml-latest-small")];
  for (const dir of candidates) if (dir && existsSync(dir) && releaseFormat(resolve(dir))) return resolve(dir);
  return null;
}

loader(async () => {
  const dir = dataDir();
  if (!dir) {
    log("real-data: no MovieLens data found; the page shows how to get it");
    return JSON.stringify({ available: false });
  }
  await setupBackend();
  const data = await readMovieLens(dir);
  const components = siteComponents().filter((c) => c !== "random");
  const { specs, missing } = replayPolicySpecs(null, components, POLICY_KINDS);
  const settings = replaySettings(components, specs.map((s) => s.kind), DEFAULT_REPLAY_OPTIONS.policy);
  const replay = new Replay(data, { components, policies: specs, limit: REAL_DATA_RATINGS, windowEvents: WINDOW_EVENTS, ...settings });
  const started = performance.now();
  const result = (() => {
    try {
      return replay.run();
    } finally {
      replay.dispose();
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  log(`real-data: ${result.ratings} ratings, ${result.batches} batches, ${specs.length} policies in ${seconds.toFixed(1)} s`);
  const date = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
  return JSON.stringify({
    available: true,
    meta: {
      release: dir.split(/[\\/]/).pop(),
      ratings: result.ratings,
      totalRatings: data.ratings.count,
      batches: result.batches,
      windowEvents: WINDOW_EVENTS,
      k: result.k,
      components,
      policies: result.policies,
      missing,
      negatives: replay.options.negatives,
      alpha: replay.options.policy.alpha,
      temperature: replay.options.policy.simplex.temperature,
      seconds: round(seconds, 1),
      citation: MOVIELENS_CITATION,
    },
    windows: result.windows.map((w) => ({ window: w.window, start: date(w.start), end: date(w.end), events: w.events })),
    scores: result.scores.map((s) => ({ policy: s.policy, window: s.window, events: s.events, hit: round(s.hit), ndcg: round(s.ndcg) })),
    weights: result.weights.map((w) => ({ policy: w.policy, window: w.window, component: w.component, weight: round(w.weight) })),
    summary: result.summary.map((s) => ({ policy: s.policy, events: s.events, hit: round(s.hit), ndcg: round(s.ndcg) })),
  });
});

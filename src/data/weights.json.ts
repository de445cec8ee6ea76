/**
 * Blend weights over time in every drifting built-in scenario (global level), as the mean over SITE_SEEDS seeds,
 * with each seed's drift events; per-user weights and profiles against true interest for a few users of
 * `abrupt-shift` (seed 1); the profiles' tracking error per round in every seed, with the error of a reference
 * profile made of each user's 20 truly best items.
 */
import { setupBackend } from "../../cli/backend.js";
import { builtinScenarios, loadScenario } from "../../cli/files.js";
import { cosineError, interestInEmbeddingSpace, Simulation, topicCentroids } from "../../lib/index.js";
import { loader, log, round, SITE_SEEDS, siteComponents, siteScenario, SITE_SIZE, vocabulary } from "./lab.js";

const TRACKED_USERS = 4;
const DETAIL_SCENARIO = "abrupt-shift";
/** The reference profile: the mean centred embedding of the user's this many truly best items. */
const BEST_ITEMS = 20;
const SEEDS = Array.from({ length: SITE_SEEDS }, (_, i) => i + 1);

/** Built-in synthetic scenarios with some drift (scenarios that need downloaded data are left out). */
function drifting(): string[] {
  return builtinScenarios().filter((name) => {
    const config = loadScenario(name);
    return (config.data?.source ?? "synthetic") === "synthetic" && Object.keys(config.world.drift).length > 0;
  });
}

interface DriftEvent {
  round: number;
  kind: string;
  users: number;
  topic: string;
  seed: number;
}

function seedRun(name: string, seed: number) {
  const config = siteScenario(name, [`run.seed=${seed}`]);
  const sim = new Simulation(config, vocabulary(config.world.topics));
  const weights: number[][] = [];
  try {
    while (!sim.done) weights.push(Array.from(sim.step().weights));
  } finally {
    sim.dispose();
  }
  const events = new Map<string, DriftEvent>();
  for (const e of sim.world.events) {
    const key = `${e.round}/${e.kind}/${e.kind === "trend" ? e.topic : ""}`;
    const topic = e.kind === "trend" ? sim.world.vocabulary.topics[e.topic].name : "";
    const entry = events.get(key) ?? { round: e.round, kind: e.kind, users: 0, topic, seed };
    if (e.kind === "shift") entry.users++;
    events.set(key, entry);
  }
  return { config, names: sim.names, weights, events: [...events.values()] };
}

/** The mean blend weights over the seeds, round by round, and every seed's drift events. */
function scenarioRun(name: string) {
  const runs = SEEDS.map((seed) => seedRun(name, seed));
  const { config, names } = runs[0];
  const rounds = runs[0].weights.length;
  const weights = [];
  for (let t = 0; t < rounds; t++) {
    for (let k = 0; k < names.length; k++) weights.push({ round: t, component: names[k], weight: round(runs.reduce((s, r) => s + r.weights[t][k], 0) / runs.length) });
  }
  const events = runs.flatMap((r) => r.events);
  log(`${name}: ${SEEDS.length} seeds × ${rounds} rounds, ${events.length} drift events`);
  return {
    name,
    description: config.description,
    policy: config.policy.kind,
    alpha: config.policy.alpha,
    seeds: SEEDS,
    scheduledShifts: config.world.drift.shift?.at ?? [],
    weights,
    events,
  };
}

/**
 * The detail scenario at the per-user level: in seed 1, per-user weights and profile readings of the most active
 * users; in every seed, the round's mean tracking error (the simulation's own) and that of the best-items reference.
 */
function detailRuns() {
  const perUser: { user: number; round: number; component: string; weight: number }[] = [];
  const readings: { user: number; round: number; topic: string; truth: number; estimate: number }[] = [];
  const tracking: { seed: number; round: number; error: number | null; reference: number | null }[] = [];
  let users: number[] = [];
  let topics: string[] = [];
  let varies = false;
  let profiles = false;
  let config = siteScenario(DETAIL_SCENARIO, ["policy.level=user"]);
  for (const seed of SEEDS) {
    config = siteScenario(DETAIL_SCENARIO, ["policy.level=user", `run.seed=${seed}`]);
    const sim = new Simulation(config, vocabulary(config.world.topics));
    const { dim, vectors } = sim.embeddings;
    const T = sim.world.T;
    if (seed === SEEDS[0]) {
      const { activity, arrival } = sim.world.users;
      users = Array.from(activity.keys())
        .filter((u) => arrival[u] === 0)
        .sort((a, b) => activity[b] - activity[a])
        .slice(0, TRACKED_USERS)
        .sort((a, b) => a - b);
      topics = sim.world.vocabulary.topics.map((t) => t.name);
    }
    try {
      while (!sim.done) {
        const r = sim.step();
        const mean = new Float64Array(dim);
        for (let i = 0; i < r.items; i++) for (let d = 0; d < dim; d++) mean[d] += vectors[i * dim + d] / r.items;
        const centroids = topicCentroids(sim.world.items.features, T, vectors, dim, r.items, mean);
        const served = Int32Array.from(sim.world.state.active);
        const utilities = sim.world.utilities(served, r.items);
        let reference = 0;
        served.forEach((u, a) => {
          const row = utilities.subarray(a * r.items, (a + 1) * r.items);
          const best = Array.from(row.keys()).sort((x, y) => row[y] - row[x]).slice(0, BEST_ITEMS);
          const p = new Float64Array(dim);
          for (const i of best) for (let d = 0; d < dim; d++) p[d] += vectors[i * dim + d] - mean[d];
          reference += cosineError(p, interestInEmbeddingSpace(sim.world.interest(u), centroids, dim));
        });
        tracking.push({
          seed,
          round: r.round,
          error: Number.isFinite(r.metrics.tracking_error) ? round(r.metrics.tracking_error, 4) : null,
          reference: served.length ? round(reference / served.length, 4) : null,
        });
        if (seed !== SEEDS[0]) continue;
        for (const u of users) {
          const pi = sim.userWeights(u);
          sim.names.forEach((component, k) => {
            perUser.push({ user: u, round: r.round, component, weight: round(pi[k]) });
            if (Math.abs(pi[k] - r.weights[k]) > 1e-9) varies = true;
          });
          const p = sim.profile(u);
          if (!p) continue;
          profiles = true;
          const theta = sim.world.interest(u);
          const reading = topics.map((_, k) => 1 - cosineError(p, centroids.subarray(k * dim, (k + 1) * dim)));
          const lo = Math.min(...reading);
          const hi = Math.max(...reading);
          const top = Math.max(...theta);
          topics.forEach((topic, k) =>
            readings.push({ user: u, round: r.round, topic, truth: round(theta[k] / top, 3), estimate: round(hi > lo ? (reading[k] - lo) / (hi - lo) : 0, 3) }),
          );
        }
      }
    } finally {
      sim.dispose();
    }
  }
  log(`${DETAIL_SCENARIO} detail: ${SEEDS.length} seeds; users ${users.join(", ")} of seed 1, per-user weights ${varies ? "vary" : "equal the global weights"}, profiles ${profiles ? "read" : "not available"}`);
  return {
    scenario: DETAIL_SCENARIO,
    level: config.policy.level,
    perUserLevel: varies,
    seeds: SEEDS,
    users,
    topics,
    profile: profiles ? config.policy.profile : null,
    bestItems: BEST_ITEMS,
    scheduledShifts: config.world.drift.shift?.at ?? [],
    perUser,
    profiles: readings,
    tracking,
  };
}

loader(async () => {
  await setupBackend();
  const scenarios = drifting().map(scenarioRun);
  return JSON.stringify({ size: SITE_SIZE, components: siteComponents(), seeds: SEEDS, scenarios, detail: detailRuns() });
});

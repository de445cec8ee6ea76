/**
 * Blend weights over time in every drifting built-in scenario (global level), with the drift events; per-user
 * weights and profile weights against true interest for a few users of `abrupt-shift`.
 */
import { setupBackend } from "../../cli/backend.js";
import { loadEmbeddings } from "../../cli/embeddings.js";
import { builtinScenarios, loadScenario } from "../../cli/files.js";
import { cosineError, interestInEmbeddingSpace, Simulation, topicCentroids } from "../../lib/index.js";
import { loader, log, round, siteComponents, siteScenario, SITE_SIZE, vocabulary } from "./lab.js";

const TRACKED_USERS = 4;
const DETAIL_SCENARIO = "abrupt-shift";

/** Built-in synthetic scenarios with some drift (scenarios that need downloaded data are left out). */
function drifting(): string[] {
  return builtinScenarios().filter((name) => {
    const config = loadScenario(name);
    return (config.data?.source ?? "synthetic") === "synthetic" && Object.keys(config.world.drift).length > 0;
  });
}

/** The scenario's own text model (its encoder.kind, with the review reader), as drift-lab run builds it. */
function scenarioTextModel(config: ReturnType<typeof siteScenario>) {
  return loadEmbeddings(config, vocabulary(config.world.topics), { log });
}

async function scenarioRun(name: string) {
  const config = siteScenario(name);
  const sim = new Simulation(config, vocabulary(config.world.topics), { embeddings: await scenarioTextModel(config) });
  const weights: { round: number; component: string; weight: number }[] = [];
  const metrics: { round: number; ctr: number; ndcg: number }[] = [];
  try {
    while (!sim.done) {
      const r = sim.step();
      sim.names.forEach((component, k) => weights.push({ round: r.round, component, weight: round(r.weights[k]) }));
      metrics.push({ round: r.round, ctr: round(r.metrics.ctr), ndcg: round(r.metrics.ndcg) });
    }
  } finally {
    sim.dispose();
  }
  const events = new Map<string, { round: number; kind: string; users: number; topic: string }>();
  for (const e of sim.world.events) {
    const key = `${e.round}/${e.kind}/${e.kind === "trend" ? e.topic : ""}`;
    const topic = e.kind === "trend" ? sim.world.vocabulary.topics[e.topic].name : "";
    const entry = events.get(key) ?? { round: e.round, kind: e.kind, users: 0, topic };
    if (e.kind === "shift") entry.users++;
    events.set(key, entry);
  }
  log(`${name}: ${config.run.rounds} rounds, ${sim.world.events.length} drift events`);
  return { name, description: config.description, policy: config.policy.kind, alpha: config.policy.alpha, weights, metrics, events: [...events.values()] };
}

/** One run at the per-user level that also records profile weights of the most active users against their θ. */
async function detailRun() {
  const config = siteScenario(DETAIL_SCENARIO, ["policy.level=user"]);
  const sim = new Simulation(config, vocabulary(config.world.topics), { embeddings: await scenarioTextModel(config) });
  const { activity, arrival } = sim.world.users;
  const users = Array.from(activity.keys())
    .filter((u) => arrival[u] === 0)
    .sort((a, b) => activity[b] - activity[a])
    .slice(0, TRACKED_USERS)
    .sort((a, b) => a - b);
  const { dim, vectors } = sim.embeddings;
  const T = sim.world.T;
  const topics = sim.world.vocabulary.topics.map((t) => t.name);
  const perUser: { user: number; round: number; component: string; weight: number }[] = [];
  const readings: { user: number; round: number; topic: string; truth: number; estimate: number }[] = [];
  const tracking: { user: string; round: number; error: number }[] = [];
  let varies = false;
  try {
    while (!sim.done) {
      const r = sim.step();
      if (Number.isFinite(r.metrics.tracking_error)) tracking.push({ user: "all served", round: r.round, error: round(r.metrics.tracking_error, 3) });
      const mean = new Float64Array(dim);
      for (let i = 0; i < r.items; i++) for (let d = 0; d < dim; d++) mean[d] += vectors[i * dim + d] / r.items;
      const centroids = topicCentroids(sim.world.items.features, T, vectors, dim, r.items, mean);
      for (const u of users) {
        const pi = sim.userWeights(u);
        sim.names.forEach((component, k) => {
          perUser.push({ user: u, round: r.round, component, weight: round(pi[k]) });
          if (Math.abs(pi[k] - r.weights[k]) > 1e-9) varies = true;
        });
        const p = sim.profile(u);
        if (!p) continue;
        const theta = sim.world.interest(u);
        tracking.push({ user: `user ${u}`, round: r.round, error: round(cosineError(p, interestInEmbeddingSpace(theta, centroids, dim)), 3) });
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
  log(`${DETAIL_SCENARIO} detail: users ${users.join(", ")}, per-user weights ${varies ? "vary" : "equal the global weights"}`);
  return {
    scenario: DETAIL_SCENARIO,
    level: config.policy.level,
    perUserLevel: varies,
    users,
    topics,
    profile: config.policy.profile,
    perUser,
    profiles: readings,
    tracking,
  };
}

loader(async () => {
  await setupBackend();
  const scenarios = [];
  for (const name of drifting()) scenarios.push(await scenarioRun(name));
  return JSON.stringify({ size: SITE_SIZE, components: siteComponents(), scenarios, detail: await detailRun() });
});

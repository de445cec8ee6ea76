/**
 * Throughput of the closed loop: the baseline scenario (ema policy, gradual drift) with the loop's own components
 * (popularity, random: issue 2's measure of the loop itself), and with all six learned components (issue 3). `standard`: 1,000 users, 5,000 items, 20 % active, 300 rounds, k = 10 (target < 60 s);
 * `small`: 200 users, 1,000 items, 200 rounds (target < 3 s). `standard-six` normalises on the threads `drift-lab run`
 * uses by default (two on a machine with two cores or more); the others in the loop's thread.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadVocabulary, SIMULATIONS } from "../cli/files.js";
import { createRowNormaliser, defaultThreads } from "../cli/normalise/threaded-normaliser.js";
import { resolveScenario } from "../lib/scenario/resolve.js";
import { runScenario } from "../lib/simulation/run.js";
import type { BenchCase } from "./run.js";

export interface ThroughputSize {
  users: number;
  items: number;
  rounds: number;
  activeFraction?: number;
  k?: number;
  components?: string[];
  /** Threads normalising scores (1: the loop's thread). */
  threads?: number;
}

const LOOP_COMPONENTS = ["popularity", "random"];
const ALL_SIX = ["popularity", "item-cf", "user-cf", "content", "mf", "sequence"];

export interface Throughput {
  seconds: number;
  /** CPU time of this process over the run (user + system): less sensitive than wall time to other work on the machine. */
  cpuSeconds: number;
  setupSeconds: number;
  userRounds: number;
  itemScores: number;
}

/** Runs the baseline scenario at a size; item scores count every (active user, present item) blended score. */
export function measureThroughput(size: ThroughputSize, seed = 1): Throughput {
  const baseline = JSON.parse(readFileSync(join(SIMULATIONS, "baseline.json"), "utf8"));
  const config = resolveScenario(baseline, [
    `world.users=${size.users}`,
    `world.items=${size.items}`,
    `world.activeFraction=${size.activeFraction ?? 0.2}`,
    `recommender.k=${size.k ?? 10}`,
    `run.rounds=${size.rounds}`,
    `run.seed=${seed}`,
    `recommender.components=${(size.components ?? LOOP_COMPONENTS).join(",")}`,
    // the text model a Simulation builds itself (the built-in's pretrained is loaded only by the command line)
    "encoder.kind=hashing",
  ]);
  const vocabulary = loadVocabulary(config.world.topics);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let firstRound = 0;
  let userRounds = 0;
  let itemScores = 0;
  const normaliser = createRowNormaliser(size.threads ?? 1);
  try {
    runScenario(config, vocabulary, {
      normaliser,
      onRound: (r) => {
        if (r.round === 0) firstRound = performance.now();
        userRounds += r.active;
        itemScores += r.active * r.items;
      },
    });
  } finally {
    normaliser.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, setupSeconds: (firstRound - started) / 1000, userRounds, itemScores };
}

function report(name: string, size: ThroughputSize, target: number): void {
  const t = measureThroughput(size);
  const status = t.seconds < target ? "ok" : "SLOW";
  console.log(
    `${name.padEnd(12)} ${size.users} users × ${size.items} items × ${size.rounds} rounds, ${(size.components ?? LOOP_COMPONENTS).join("+")}, ` +
      `${size.threads ?? 1} thread${(size.threads ?? 1) > 1 ? "s" : ""}: ` +
      `${t.seconds.toFixed(2)} s (cpu ${t.cpuSeconds.toFixed(2)} s; world + first round ${t.setupSeconds.toFixed(2)} s), ` +
      `${Math.round(t.userRounds / t.seconds).toLocaleString("en")} user-rounds/s, ` +
      `${(t.itemScores / t.seconds / 1e6).toFixed(1)} M item-scores/s  [target < ${target} s: ${status}]`,
  );
}

export const cases: BenchCase[] = [
  { name: "small", run: () => report("small", { users: 200, items: 1000, rounds: 200 }, 3) },
  { name: "standard", run: () => report("standard", { users: 1000, items: 5000, rounds: 300 }, 60) },
  { name: "standard-six", run: () => report("standard-six", { users: 1000, items: 5000, rounds: 300, components: ALL_SIX, threads: defaultThreads() }, 60) },
];

import "./support/backend.js";
import { describe, expect, it } from "vitest";
import { runScenario } from "../lib/simulation/run.js";
import { clickProbability, examination, expectedClicks } from "../lib/world/behaviour.js";
import { DEFAULT_BEHAVIOUR } from "../lib/world/config.js";
import { builtin, vocabulary } from "./support/scenario.js";
import { bestItems, makeWorld } from "./support/world.js";

describe("user behaviour", () => {
  it("examination decreases with slate position: 1 / (p + 1)^decay", () => {
    const p = Array.from({ length: 10 }, (_, i) => examination(i, DEFAULT_BEHAVIOUR));
    expect(p[0]).toBe(1);
    expect(p[3]).toBeCloseTo(1 / 4 ** 0.7, 12);
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeLessThan(p[i - 1]);
  });

  it("click probability σ(a·U + b) rises with utility", () => {
    expect(clickProbability(0.5, DEFAULT_BEHAVIOUR)).toBeCloseTo(0.5, 12);
    for (let u = -1; u < 2; u += 0.1) expect(clickProbability(u + 0.1, DEFAULT_BEHAVIOUR)).toBeGreaterThan(clickProbability(u, DEFAULT_BEHAVIOUR));
    expect(expectedClicks([0.5, 0.5], DEFAULT_BEHAVIOUR)).toBeCloseTo(0.5 + 0.5 * 2 ** -0.7, 12);
  });

  it("simulated users examine less further down the slate, at the configured rates", () => {
    const world = makeWorld(["world.users=300", "world.activeFraction=1"], 10);
    const examined = new Array(10).fill(0);
    let slates = 0;
    for (let t = 0; t < 5; t++) {
      for (const u of world.state.active) {
        const slate = Array.from({ length: 10 }, (_, p) => (u * 7 + p * 13 + t) % world.state.items);
        for (const o of world.respond(u, slate).outcomes) if (o.examined) examined[o.position]++;
        slates++;
      }
      world.advance();
    }
    const rate = examined.map((n) => n / slates);
    for (let p = 0; p < 10; p++) expect(Math.abs(rate[p] - examination(p, DEFAULT_BEHAVIOUR))).toBeLessThan(0.04);
    for (let p = 2; p < 10; p += 2) expect(rate[p]).toBeLessThan(rate[p - 2]);
  });

  it("simulated users click more on items of higher utility; only examined items are clicked, only clicks bought", () => {
    const world = makeWorld(["world.users=300", "world.activeFraction=1"], 10);
    const bins = [0, 0, 0, 0].map(() => ({ shown: 0, clicked: 0 }));
    for (let t = 0; t < 3; t++) {
      for (const u of world.state.active) {
        const slate = [bestItems(world, u, 1)[0], (u * 31 + t) % world.state.items];
        const utilities = slate.map((i) => world.utility(u, i));
        for (const o of world.respond(u, [slate[0]]).outcomes.concat(world.respond(u, [slate[1]]).outcomes)) {
          expect(!o.clicked || o.examined).toBe(true);
          expect(!o.purchased || o.clicked).toBe(true);
          const util = utilities[slate.indexOf(o.item)];
          const bin = util < 0 ? 0 : util < 0.4 ? 1 : util < 0.8 ? 2 : 3;
          bins[bin].shown++;
          if (o.clicked) bins[bin].clicked++;
        }
      }
      world.advance();
    }
    const rates = bins.map((b) => b.clicked / b.shown);
    for (const b of bins) expect(b.shown).toBeGreaterThan(30);
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1]);
  });

  it.each([
    [[]],
    [["world.drift.satiation=on", "world.drift.trend.at=[1]", "world.drift.trend.rate=0"]],
    [["world.segments.share=[1,1]", "world.segments.popularityWeight=[-1,2]", "world.segments.trendWeight=[0,1]", "world.segments.activityWeight=[1,1]"]],
  ])("utilities() is utility() for every user and item (%j)", (sets) => {
    const world = makeWorld(["world.activeFraction=1", ...sets], 10);
    world.advance();
    for (const u of world.state.active.slice(0, 20)) world.respond(u, [0, 1, 2, 3, 4]);
    const users = world.state.active;
    const values = world.utilities(users, world.state.items);
    users.forEach((u, a) => {
      for (let i = 0; i < world.state.items; i++) expect(values[a * world.state.items + i]).toBe(Math.fround(world.utility(u, i)));
    });
  });

  it("the same user, round and slate always get the same response", () => {
    const a = makeWorld(["world.users=60"], 10, 3);
    const b = makeWorld(["world.users=60"], 10, 3);
    for (const u of a.state.active) expect(a.respond(u, [1, 2, 3, 4])).toEqual(b.respond(u, [1, 2, 3, 4]));
  });

  it("a fraction of the present users is active each round", () => {
    const world = makeWorld(["world.users=400", "world.activeFraction=0.25"], 30);
    let active = 0;
    for (let t = 1; t <= 20; t++) {
      world.advance();
      active += world.state.active.length;
      expect(world.state.active.every((u, i, all) => u < world.state.users && (i === 0 || u > all[i - 1]))).toBe(true);
    }
    expect(active / 20 / 400).toBeGreaterThan(0.2);
    expect(active / 20 / 400).toBeLessThan(0.28);
  });
});

describe("arrivals (cold start)", () => {
  it("users and items arrive over the run; ids arrive in order", () => {
    const world = makeWorld(["world.users=200", "world.items=500", "world.initialUsers=0.3", "world.initialItems=0.3"], 40);
    expect(world.state.users).toBe(60);
    expect(world.state.items).toBe(150);
    let users = world.state.users;
    let items = world.state.items;
    let grewUsers = 0;
    let grewItems = 0;
    for (let t = 1; t < 40; t++) {
      world.advance();
      expect(world.state.users).toBeGreaterThanOrEqual(users);
      expect(world.state.items).toBeGreaterThanOrEqual(items);
      if (world.state.users > users) grewUsers++;
      if (world.state.items > items) grewItems++;
      users = world.state.users;
      items = world.state.items;
      for (let i = 0; i < items; i++) expect(world.items.arrival[i]).toBeLessThanOrEqual(t);
      if (items < 500) expect(world.items.arrival[items]).toBeGreaterThan(t);
    }
    expect([users, items]).toEqual([200, 500]);
    expect(grewUsers).toBeGreaterThan(20);
    expect(grewItems).toBeGreaterThan(20);
  });

  it("the cold-start scenario's loop sees the present counts grow", () => {
    const config = builtin("cold-start", ["world.users=100", "world.items=300", "run.rounds=12"]);
    const { records } = runScenario(config, vocabulary(config));
    expect(records[0].users).toBe(30);
    expect(records[0].items).toBe(90);
    for (let t = 1; t < records.length; t++) {
      expect(records[t].users).toBeGreaterThanOrEqual(records[t - 1].users);
      expect(records[t].items).toBeGreaterThanOrEqual(records[t - 1].items);
    }
    expect(records[11].users).toBe(100);
    expect(records[11].items).toBe(300);
  });
});

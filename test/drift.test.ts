import { describe, expect, it } from "vitest";
import { advanceTo, argmax, bestItems, interests, makeWorld } from "./support/world.js";

const GARDENING = 4; // context "morning": phase 0.25 of the cycle

describe("drift kinds move the true interest θ", () => {
  it("without drift θ never changes", () => {
    const world = makeWorld([]);
    const start = interests(world);
    advanceTo(world, 30);
    expect(interests(world)).toEqual(start);
  });

  it("gradual: every user's θ moves every round, and stays a distribution", () => {
    const world = makeWorld(["world.drift.gradual=on"]);
    let previous = interests(world);
    let travelled = 0;
    for (let t = 1; t <= 20; t++) {
      world.advance();
      const now = interests(world);
      now.forEach((theta, u) => {
        expect(theta).not.toEqual(previous[u]);
        expect(Math.abs(theta.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
        travelled += theta.reduce((s, v, k) => s + Math.abs(v - previous[u][k]), 0);
      });
      previous = now;
    }
    expect(travelled / (20 * 60)).toBeGreaterThan(0.01);
  });

  it("shift: at a scheduled round every shifted user's top topic changes", () => {
    const world = makeWorld(["world.drift.gradual=on", "world.drift.shift.at=[5]", "world.drift.shift.fraction=1"]);
    advanceTo(world, 4);
    const before = interests(world).map(argmax);
    world.advance();
    const after = interests(world).map(argmax);
    const shifted = world.events.filter((e) => e.kind === "shift");
    expect(shifted.map((e) => e.user)).toEqual(Array.from({ length: 60 }, (_, u) => u));
    expect(shifted.every((e) => e.round === 5)).toBe(true);
    after.forEach((top, u) => {
      expect(top).not.toBe(before[u]);
      expect(top).toBe(shifted[u].topic);
    });
  });

  it("shift: with a fraction, only the drawn users switch and the others keep θ", () => {
    const world = makeWorld(["world.drift.shift.at=[3]", "world.drift.shift.fraction=0.5"]);
    advanceTo(world, 2);
    const before = interests(world);
    world.advance();
    const switched = new Set(world.events.map((e) => e.user));
    expect(switched.size).toBeGreaterThan(15);
    expect(switched.size).toBeLessThan(45);
    interests(world).forEach((theta, u) => {
      if (switched.has(u)) expect(argmax(theta)).not.toBe(argmax(before[u]));
      else expect(theta).toEqual(before[u]);
    });
  });

  it("shift: popularityShift changes a switched user's weight on popularity, and only theirs, from the switch on", () => {
    const sets = ["world.drift.shift.at=[3]", "world.drift.shift.fraction=0.5"];
    const plain = makeWorld(sets);
    const flipped = makeWorld([...sets, "world.drift.shift.popularityShift=-0.6"]);
    const items = [0, 1, 2, 3, 4, 5, 6, 7];
    const gap = (u: number) => items.map((i) => flipped.utility(u, i) - plain.utility(u, i));
    advanceTo(plain, 2);
    advanceTo(flipped, 2);
    for (let u = 0; u < 60; u++) expect(gap(u)).toEqual(items.map(() => 0));
    const digestBefore = flipped.worldDigest();
    expect(digestBefore).toBe(plain.worldDigest());
    plain.advance();
    flipped.advance();
    const switched = new Set(flipped.events.map((e) => e.user));
    expect(switched.size).toBeGreaterThan(15);
    for (let u = 0; u < 60; u++) {
      const expected = items.map((i) => (switched.has(u) ? -0.6 * flipped.items.popularity[i] : 0));
      gap(u).forEach((g, j) => expect(g).toBeCloseTo(expected[j], 12));
    }
    expect(flipped.worldDigest()).not.toBe(plain.worldDigest());
    advanceTo(plain, 6);
    advanceTo(flipped, 6);
    for (const u of switched) gap(u).forEach((g, j) => expect(g).toBeCloseTo(-0.6 * flipped.items.popularity[items[j]], 12));
  });

  it("periodic: a topic's share of every user's interest peaks at its context's phase", () => {
    const world = makeWorld(["world.drift.periodic.period=24", "world.drift.periodic.amplitude=1.5"]);
    const share = (t: number) => {
      advanceTo(world, t);
      return interests(world).map((theta) => theta[GARDENING]);
    };
    const low = share(0);
    const peak = share(6); // 0.25 · 24
    const trough = share(18);
    const nextPeak = share(30);
    peak.forEach((p, u) => {
      expect(p).toBeGreaterThan(trough[u]);
      expect(p).toBeGreaterThan(low[u]);
      expect(nextPeak[u]).toBeCloseTo(p, 9);
    });
  });

  it("trend: a burst raises the hot topic for everyone, then decays", () => {
    const world = makeWorld(["world.drift.trend.rate=0", "world.drift.trend.at=[4]", "world.drift.trend.amplitude=3", "world.drift.trend.decay=6"]);
    advanceTo(world, 3);
    const before = interests(world);
    world.advance();
    expect(world.events).toHaveLength(1);
    const { topic, kind, user, round } = world.events[0];
    expect({ kind, user, round }).toEqual({ kind: "trend", user: -1, round: 4 });
    let previous = interests(world);
    previous.forEach((theta, u) => expect(theta[topic]).toBeGreaterThan(before[u][topic] + 0.01));
    for (let t = 5; t <= 40; t++) {
      world.advance();
      const now = interests(world);
      now.forEach((theta, u) => expect(theta[topic]).toBeLessThan(previous[u][topic]));
      previous = now;
    }
    // e^(−36/6) of the boost is left
    previous.forEach((theta, u) => expect(theta[topic] - before[u][topic]).toBeLessThan(0.02));
  });

  it("satiation: consuming an item lowers the utility of its topics, and it wears off", () => {
    const world = makeWorld(["world.drift.satiation.strength=0.5", "world.drift.satiation.decay=0.5"]);
    let checked = 0;
    for (const u of world.state.active) {
      const slate = bestItems(world, u, 3);
      const before = Array.from({ length: world.state.items }, (_, i) => world.utility(u, i));
      const { outcomes } = world.respond(u, slate);
      const clicked = outcomes.filter((o) => o.clicked).map((o) => o.item);
      if (clicked.length === 0) continue;
      checked++;
      const topics = new Set(clicked.flatMap((i) => topicsOf(world, i)));
      for (let i = 0; i < world.state.items; i++) {
        const shares = topicsOf(world, i).some((k) => topics.has(k));
        if (shares) expect(world.utility(u, i)).toBeLessThan(before[i]);
        else expect(world.utility(u, i)).toBe(before[i]);
      }
      const item = clicked[0];
      const drop = before[item] - world.utility(u, item);
      world.advance();
      expect(before[item] - world.utility(u, item)).toBeCloseTo(drop * 0.5, 9);
      break;
    }
    expect(checked).toBe(1);
  });

  it("feedback: a click pulls θ toward the consumed item's topics", () => {
    const world = makeWorld(["world.drift.feedback.strength=0.5"]);
    const before = interests(world);
    const single: { u: number; item: number }[] = [];
    for (const u of world.state.active) {
      const clicked = world.respond(u, bestItems(world, u, 1)).outcomes.filter((o) => o.clicked);
      if (clicked.length === 1) single.push({ u, item: clicked[0].item });
    }
    expect(single.length).toBeGreaterThan(3);
    world.advance();
    for (const { u, item } of single) {
      const main = world.items.mainTopic[item];
      expect(world.interest(u)[main]).toBeGreaterThan(before[u][main]);
      const affinity = (theta: Float64Array) => theta.reduce((s, v, k) => s + v * world.items.features[item * world.T + k], 0);
      expect(affinity(world.interest(u))).toBeGreaterThan(affinity(before[u]));
    }
  });

  it("sequential: a click boosts the next topic in the chain, and the boost decays", () => {
    const world = makeWorld(["world.drift.sequential.strength=2", "world.drift.sequential.decay=0.3"]);
    const before = interests(world);
    const single: { u: number; next: number }[] = [];
    for (const u of world.state.active) {
      const clicked = world.respond(u, bestItems(world, u, 1)).outcomes.filter((o) => o.clicked);
      if (clicked.length === 1) single.push({ u, next: (world.items.mainTopic[clicked[0].item] + 1) % world.T });
    }
    expect(single.length).toBeGreaterThan(3);
    world.advance();
    const boosted = interests(world);
    world.advance();
    for (const { u, next } of single) {
      expect(boosted[u][next]).toBeGreaterThan(before[u][next]);
      expect(argmax(boosted[u].map((v, k) => v / before[u][k]))).toBe(next);
      expect(world.interest(u)[next]).toBeLessThan(boosted[u][next]);
      expect(world.interest(u)[next]).toBeGreaterThan(before[u][next]);
    }
  });
});

function topicsOf(world: ReturnType<typeof makeWorld>, item: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < world.T; k++) if (world.items.features[item * world.T + k] > 0) out.push(k);
  return out;
}

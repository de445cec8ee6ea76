import { POLICY_SCHEMA, type PolicyConfig } from "./config.js";
import { CreditAssigner } from "./credit.js";
import { drawVertex, type Learner } from "./learner.js";
import type { PolicyEnvironment, SlateFeedback, WeightPolicy } from "./policy.js";
import { createSegmenter } from "./segmenter.js";

export const LEVELS = POLICY_SCHEMA.fields.level.values;

function groupBy(feedback: SlateFeedback[], credits: Float64Array[], propensity: Float64Array[], key: (f: SlateFeedback) => number) {
  const groups = new Map<number, { feedback: SlateFeedback[]; credits: Float64Array[]; propensity: Float64Array[] }>();
  feedback.forEach((f, s) => {
    const g = key(f);
    let group = groups.get(g);
    if (!group) groups.set(g, (group = { feedback: [], credits: [], propensity: [] }));
    group.feedback.push(f);
    group.credits.push(credits[s]);
    group.propensity.push(propensity[s]);
  });
  return [...groups.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * A learner run at one of the levels of DESIGN §4 (`policy.level`):
 * - `global`: one π for everyone, learned from all slates;
 * - `user`: one learner per user, created as a copy of the global learner when the user is first served (so a
 *   newcomer starts from what everyone taught) and then learning from that user's slates only; the global
 *   learner keeps learning from all slates. Cost: one learner of K numbers per user seen (typed arrays), and per
 *   round work only for the users served;
 * - `segment`: one learner per segment (segmenter.ts), shrunk toward global: π_u = λ·π_seg + (1 − λ)·π_global,
 *   λ = n / (n + κ) with n the slates the segment has learned from and κ = `segments.shrinkage`. A convex
 *   combination of two points of the simplex stays on it. A segment learns from the slates of its members at
 *   serving time. Users without a segment yet are served the global π.
 * Credit is assigned once per round against one position baseline (credit.ts). A drawing bandit serves a vertex
 * drawn from the user's π, and learns with that π as the propensity.
 */
export function createLevelledPolicy(kind: string, components: string[], config: PolicyConfig, env: PolicyEnvironment, root: Learner): WeightPolicy {
  const K = components.length;
  const credit = new CreditAssigner(K, config.credit, config.rewards);
  const served = new Map<number, Float64Array>();
  const level = config.level;
  const users: (Learner | undefined)[] = level === "user" ? new Array(env.users) : [];
  const segmenter = level === "segment" ? createSegmenter(config.segments, env.users, K) : null;
  const segments = new Map<number, Learner>();
  const segmentOf = new Map<number, number>();

  /**
   * The user's π. `create` stores the learner a user or segment starts from, a copy of the global one; without it
   * the global learner stands in for the missing copy, which gives the same π.
   */
  function piFor(user: number, create = true): Float64Array {
    if (level === "user") return (create ? (users[user] ??= root.copy()) : (users[user] ?? root)).pi();
    if (segmenter) {
      const s = segmenter.segment(user);
      if (s < 0) return root.pi();
      let learner = segments.get(s);
      if (!learner && create) segments.set(s, (learner = root.copy()));
      const cell = learner ?? root;
      const lambda = cell.seen / (cell.seen + config.segments.shrinkage);
      const g = root.pi();
      return cell.pi().map((p, k) => lambda * p + (1 - lambda) * g[k]);
    }
    return root.pi();
  }

  function serveFor(user: number): Float64Array {
    if (level === "user") return (users[user] ??= root.copy()).serve(env.stream);
    if (level === "segment") {
      const pi = piFor(user);
      return root.draws ? drawVertex(pi, env.stream) : pi;
    }
    return root.serve(env.stream);
  }

  function meanOverUsers(): Float64Array {
    const sum = new Float64Array(K);
    let n = 0;
    if (level === "user") {
      for (const learner of users) {
        if (!learner) continue;
        const p = learner.pi();
        for (let k = 0; k < K; k++) sum[k] += p[k];
        n++;
      }
    } else {
      for (const u of segmentOf.keys()) {
        const p = piFor(u);
        for (let k = 0; k < K; k++) sum[k] += p[k];
        n++;
      }
    }
    return n ? sum.map((v) => v / n) : root.pi().slice();
  }

  return {
    kind,
    components,
    weights({ user }) {
      if (level === "segment") segmentOf.set(user, segmenter!.segment(user));
      served.set(user, piFor(user));
      return serveFor(user);
    },
    peek: ({ user }) => piFor(user, false),
    update(round, feedback) {
      const credits = credit.credits(feedback);
      const propensity = feedback.map((f) => served.get(f.user) ?? f.weights);
      served.clear();
      if (feedback.length === 0) return credits;
      root.learn(round, feedback, credits, propensity);
      if (level === "user") {
        for (const [u, g] of groupBy(feedback, credits, propensity, (f) => f.user)) {
          (users[u] ??= root.copy()).learn(round, g.feedback, g.credits, g.propensity);
        }
      } else if (segmenter) {
        const groups = groupBy(feedback, credits, propensity, (f) => segmentOf.get(f.user) ?? -1);
        for (const [s, g] of groups) if (s >= 0) segments.get(s)?.learn(round, g.feedback, g.credits, g.propensity);
        segmenter.observe(round, feedback, credits);
      }
      return credits;
    },
    global: () => (level === "global" ? root.pi() : meanOverUsers()),
    ...(level === "global" && root.state ? { ruleState: () => root.state!() } : {}),
    dispose() {},
  };
}

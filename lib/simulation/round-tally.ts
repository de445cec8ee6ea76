import { gini, intraListDiversity, novelty } from "../metrics/diversity.js";
import { rankingScores, topN } from "../metrics/ranking.js";
import { expectedClicks } from "../world/behaviour.js";
import type { WorldConfig } from "../world/config.js";
import type { Outcome } from "../world/world.js";
import { emptyMetrics, type RoundMetrics } from "./metrics-row.js";

const PER_SLATE = ["precision", "recall", "ndcg", "map", "hit_rate", "regret", "ild", "novelty"] as const;

/**
 * The metrics of one round's slates (DESIGN §5). Each served slate is added as it is served, before its clicks
 * count as consumed: accuracy against the user's relevant items (the top `relevantN` by noise-free utility among
 * those not consumed), regret against the best slate's expected clicks, diversity and novelty. `finish` averages
 * over the slates and adds CTR, conversion and the catalog-level metrics.
 */
export class RoundTally {
  private readonly m = emptyMetrics();
  private slates = 0;
  private clicks = 0;
  private purchases = 0;
  private shown = 0;

  constructor(
    private readonly k: number,
    private readonly world: Pick<WorldConfig, "relevantN" | "behaviour">,
    private readonly features: Float32Array,
    private readonly topics: number,
    /** Clicks per item before this round, and their total (for novelty). */
    private readonly interactionsBefore: Float64Array,
    private readonly totalBefore: number,
  ) {}

  add(slate: number[], outcomes: Outcome[], utilities: Float32Array, consumed: Set<number>): void {
    const { m, k } = this;
    for (const o of outcomes) {
      if (o.clicked) this.clicks++;
      if (o.purchased) this.purchases++;
    }
    this.shown += slate.length;
    this.slates++;
    const best = topN(utilities, Math.max(this.world.relevantN, k), consumed);
    const relevant = new Set(best.slice(0, this.world.relevantN));
    const s = rankingScores(slate, relevant, k);
    m.precision += s.precision;
    m.recall += s.recall;
    m.ndcg += s.ndcg;
    m.map += s.map;
    m.hit_rate += s.hit;
    const ideal = best.slice(0, k);
    m.regret +=
      expectedClicks(ideal.map((i) => utilities[i]), this.world.behaviour) - expectedClicks(slate.map((i) => utilities[i]), this.world.behaviour);
    m.ild += intraListDiversity(slate, this.features, this.topics);
    m.novelty += novelty(slate, this.interactionsBefore, this.totalBefore);
  }

  /** The round's metrics; `exposure` counts each item's impressions so far, `recommended` the items ever shown. */
  finish(items: number, recommended: Set<number>, exposure: Float64Array): RoundMetrics {
    const { m } = this;
    if (this.slates > 0) for (const key of PER_SLATE) m[key] /= this.slates;
    m.ctr = this.shown > 0 ? this.clicks / this.shown : 0;
    m.conversion = this.clicks > 0 ? this.purchases / this.clicks : 0;
    m.coverage = items > 0 ? [...recommended].filter((i) => i < items).length / items : 0;
    m.gini = gini(exposure.subarray(0, items));
    return m;
  }
}

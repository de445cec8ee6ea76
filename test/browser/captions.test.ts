/**
 * The captions say what their data show: on the built site, every value a caption states (`data-claim`, see
 * src/components/claim.js) is recomputed here from the CSV the page offers for download (or the JSON it loads), with
 * the lab's statistics, and must agree, in its value and in the text the reader sees. Colour words ("darker is …")
 * are checked against the colours the heatmaps actually drew. And every legend colours a component, policy or
 * metric as the palette says, on every page.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { parseCsv } from "../../lib/io/csv.js";
import { kaplanMeier } from "../../lib/stats/kaplan-meier.js";
import { pairedDifference } from "../../lib/stats/paired.js";
import { TRUTH_POLICIES } from "../../lib/weighting/registry.js";
import { COMPONENT_COLOURS, METRIC_COLOURS, POLICY_COLOURS } from "../../src/components/palette.js";
import { recordedPage, ROOT, siteUnderTest } from "./harness.js";

type Row = Record<string, string | number | boolean | null>;
interface Claim {
  name: string;
  value: unknown;
  text: string;
  figure: string | null;
}

const site = siteUnderTest();

const url = (name: string) => `${site.origin}/${name === "index" ? "" : `${name}.html`}`;

/** Opens a page and waits until it has drawn `charts` charts and its captions' claims. */
async function open(name: string, charts: number): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await recordedPage(site.browser);
  await page.goto(url(name), { waitUntil: "load" });
  await page.waitForFunction((n) => document.querySelectorAll("#observablehq-main svg[aria-label]").length >= n, charts, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  return { page, errors };
}

async function claims(page: Page): Promise<Map<string, Claim>> {
  const list = await page.$$eval("[data-claim]", (els) =>
    els.map((e) => ({
      name: (e as HTMLElement).dataset.claim!,
      value: (e as HTMLElement).dataset.value === undefined ? null : JSON.parse((e as HTMLElement).dataset.value!),
      text: (e.textContent ?? "").trim(),
      figure: (e.closest("figure") as HTMLElement | null)?.dataset.figure ?? null,
    })),
  );
  const out = new Map<string, Claim>();
  for (const c of list) out.set(c.figure ? `${c.figure}/${c.name}` : c.name, c);
  return out;
}

/** The file behind a download link on the page, fetched as the reader would get it, parsed like d3.autoType. */
async function download(page: Page, filename: string): Promise<Row[]> {
  const href = await page.$eval(`a[download="${filename}"]`, (a) => (a as HTMLAnchorElement).href);
  const text = await (await page.request.get(href)).text();
  const { columns, rows } = parseCsv(text, filename);
  const cell = (v: string) => (v === "" ? null : v === "true" ? true : v === "false" ? false : Number.isFinite(Number(v)) ? Number(v) : v);
  return rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, cell(r[j])])));
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const distinct = <T>(xs: T[]) => [...new Set(xs)];
const list = (xs: string[]) => (xs.length === 0 ? "none" : xs.length === 1 ? xs[0] : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);

/**
 * A claim must exist, hold `expected` (numbers to 1e-4), and show it: a number as the first number of its text (to
 * the digits printed), a list of names as "a, b and c" or as its count ("3 of 9"), a name as itself.
 */
function holds(all: Map<string, Claim>, key: string, expected: unknown): void {
  const c = all.get(key);
  expect(c, `claim ${key} is on the page`).toBeDefined();
  const text = c!.text.replace(/−/g, "-");
  if (typeof expected === "number") {
    expect(c!.value as number, key).toBeCloseTo(expected, 4);
    const shown = text.match(/[+-]?\d+(\.\d+)?/);
    expect(shown, `${key}: "${c!.text}" shows a number`).not.toBeNull();
    const decimals = shown![1] ? shown![1].length - 1 : 0;
    expect(Math.abs(Number(shown![0]) - expected), `${key}: "${c!.text}" shows ${expected}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
  } else if (Array.isArray(expected) && expected.every((x) => typeof x === "string")) {
    expect(c!.value, key).toEqual(expected);
    if (/^\d+ of \d+$/.test(text)) expect(Number(text.split(" ")[0]), key).toBe(expected.length);
    else expect(text, key).toBe(list(expected as string[]));
  } else {
    expect(c!.value, key).toEqual(expected);
    if (typeof expected === "string") expect(text, key).toContain(expected);
  }
}

/** Relative luminance of a CSS colour "rgb(r, g, b)" or "#rrggbb". */
function luminance(colour: string): number {
  const m = colour.match(/rgb\((\d+),\s*(\d+),\s*(\d+)\)/);
  const [r, g, b] = m ? m.slice(1).map(Number) : [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** From a heatmap figure's cells (value from <title>, colour from fill): which end of the data is drawn darker. */
async function drawnDarkEnd(page: Page, figure: string): Promise<"high" | "low"> {
  const cells = await page.$$eval(`#figure-${figure} g[aria-label="cell"] rect`, (rects) =>
    rects.map((r) => ({ fill: r.getAttribute("fill") ?? "", title: r.querySelector("title")?.textContent ?? "" })),
  );
  const points = cells
    .filter((c) => c.fill !== "")
    .map((c) => ({ value: Number(c.title.split(" ")[0]), light: luminance(c.fill) }))
    .filter((p) => Number.isFinite(p.value));
  expect(points.length, `${figure}: cells with a value`).toBeGreaterThan(10);
  points.sort((a, b) => a.value - b.value);
  const third = Math.floor(points.length / 3);
  const low = mean(points.slice(0, third).map((p) => p.light));
  const high = mean(points.slice(-third).map((p) => p.light));
  return high < low ? "high" : "low";
}

describe("stability: captions against stability.csv and the drawn colours", () => {
  test("every stated number and colour direction agrees with the data", async () => {
    const { page, errors } = await open("stability", 10);
    try {
      const all = await claims(page);
      const rows = await download(page, "stability.csv");
      const seeds = distinct(rows.map((r) => r.seed)).length;
      expect(seeds).toBeGreaterThanOrEqual(5);
      holds(all, "seeds", seeds);
      const runs = [...new Map(rows.map((r) => [`${r.rule}/${r.alpha}/${r.uses_beta ? r.beta : "-"}/${r.seed}`, r])).values()];
      holds(all, "diverged", runs.filter((r) => r.diverged).length);
      const kept = runs.filter((r) => !r.diverged && typeof r.recovered === "boolean");
      holds(all, "recovery/not-recovered", kept.filter((r) => r.recovered === false).length);
      holds(all, "recovery/recovered-at-once", kept.filter((r) => r.recovered === true && r.recovery === 0).length);
      const window = Math.max(...kept.map((r) => Number(r.recovery_window)));
      holds(all, "recovery/window", window);
      // no recovery value is ever a made-up number: empty exactly when the run did not recover
      for (const r of kept) expect(r.recovered ? typeof r.recovery === "number" : r.recovery === null).toBe(true);

      const cellsOf = (metric: string) => {
        const cells = new Map<string, Row[]>();
        for (const r of rows) cells.set(`${r.rule}|${r.alpha}|${r.beta}`, [...(cells.get(`${r.rule}|${r.alpha}|${r.beta}`) ?? []), r]);
        return [...cells.values()].map((v) => ({ rule: String(v[0].rule), alpha: Number(v[0].alpha), beta: Number(v[0].beta), diverged: v.some((r) => r.diverged), value: mean(v.map((r) => Number(r[metric]))), rows: v }));
      };
      const notReached = cellsOf("recovery").filter((c) => !c.diverged && kaplanMeier(c.rows.map((r) => (r.recovered ? Number(r.recovery) : Number(r.recovery_window))), c.rows.map((r) => r.recovered === true)).median === null);
      holds(all, "recovery/cells-not-recovered", notReached.length);

      const ctr = cellsOf("ctr").filter((c) => !c.diverged);
      const best = ctr.reduce((a, b) => (b.value > a.value ? b : a));
      const worst = ctr.reduce((a, b) => (b.value < a.value ? b : a));
      holds(all, "ctr/ctr-max", Number(best.value.toFixed(4)));
      holds(all, "ctr/ctr-min", Number(worst.value.toFixed(4)));
      expect(all.get("ctr/best-cell")!.value).toEqual([best.rule, best.alpha, best.beta]);

      const volatility = cellsOf("volatility").filter((c) => !c.diverged);
      const climbs = distinct(rows.map((r) => String(r.rule))).filter((rule) => {
        const alphas = distinct(volatility.filter((c) => c.rule === rule).map((c) => c.alpha)).sort((a, b) => a - b);
        const at = (a: number) => mean(volatility.filter((c) => c.rule === rule && c.alpha === a).map((c) => c.value));
        return alphas.length > 1 && at(alphas.at(-1)!) > at(alphas[0]);
      });
      holds(all, "volatility/climbs-with-alpha", climbs);
      const betas0 = distinct(rows.map((r) => Number(r.beta))).sort((a, b) => a - b);
      const betaEffect = (rule: string, sign: number) => {
        const cells = volatility.filter((c) => c.rule === rule);
        const at = (a: number, b: number) => cells.find((c) => c.alpha === a && c.beta === b);
        const alphas = distinct(cells.map((c) => c.alpha)).filter((a) => at(a, betas0[0]) && at(a, betas0.at(-1)!));
        return [alphas.filter((a) => sign * (at(a, betas0.at(-1)!)!.value - at(a, betas0[0])!.value) > 0).length, alphas.length];
      };
      expect(all.get("volatility/smoothed-calmer")!.value).toEqual(betaEffect("smoothed", -1));
      expect(all.get("volatility/momentum-swings")!.value).toEqual(betaEffect("momentum", 1));

      const betas = distinct(rows.map((r) => Number(r.beta))).sort((a, b) => a - b);
      let helps = 0;
      let hurts = 0;
      for (const rule of distinct(rows.filter((r) => r.uses_beta).map((r) => String(r.rule)))) {
        for (const alpha of distinct(rows.map((r) => Number(r.alpha)))) {
          const arm = (beta: number) => rows.filter((r) => r.rule === rule && r.alpha === alpha && r.beta === beta && !r.diverged).sort((a, b) => Number(a.seed) - Number(b.seed));
          const base = arm(betas[0]);
          for (const beta of betas.slice(1)) {
            const treat = arm(beta).filter((r) => base.some((b) => b.seed === r.seed));
            const paired = base.filter((b) => treat.some((r) => r.seed === b.seed));
            if (treat.length < 1) continue;
            const d = pairedDifference(
              treat.map((r) => Number(r.ctr_after_shift)),
              paired.map((r) => Number(r.ctr_after_shift)),
            );
            if (d.lo > 0) helps++;
            if (d.hi < 0) hurts++;
          }
        }
      }
      holds(all, "beta-effect/beta-helps", helps);
      holds(all, "beta-effect/beta-hurts", hurts);

      // colour words: the caption's "darker is …" must be what the cells show
      for (const [figure, words] of [
        ["volatility", { high: "darker is more volatile", low: "darker is calmer" }],
        ["recovery", { high: "darker is slower", low: "darker is quicker" }],
        ["ctr", { high: "darker is better", low: "brighter is better" }],
      ] as const) {
        const drawn = await drawnDarkEnd(page, figure);
        const c = all.get(`${figure}/colour-${figure}`)!;
        expect(c.value, `${figure}: the caption's colour direction`).toBe(drawn);
        expect(c.text).toBe(words[drawn]);
      }
      // every figure rests on the seeds the data have
      const figures = await page.$$eval("figure[data-figure]", (fs) => fs.map((f) => ({ id: (f as HTMLElement).dataset.figure, seeds: Number((f as HTMLElement).dataset.seeds) })));
      expect(figures.length).toBeGreaterThanOrEqual(4);
      for (const f of figures) expect(f.seeds, f.id).toBe(seeds);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("index: the headline against policies.csv", () => {
  test("chosen on validation seeds, reported on test seeds, bounds apart, static's rank stated", async () => {
    const { page, errors } = await open("index", 2);
    try {
      const all = await claims(page);
      // the scripted LLM stand-in is plumbing, not a policy: the headline must not read it
      const rows = (await download(page, "policies.csv")).filter((r) => r.source !== "scripted demo");
      const shifted = rows.filter((r) => r.scenario === "abrupt-shift");
      const seedsOf = (split: string) => distinct(shifted.filter((r) => r.split === split).map((r) => Number(r.seed))).sort((a, b) => a - b);
      const validationSeeds = seedsOf("validation");
      const testSeeds = seedsOf("test");
      expect(validationSeeds.length).toBeGreaterThanOrEqual(5);
      expect(testSeeds.length).toBeGreaterThanOrEqual(5);
      expect(validationSeeds.filter((s) => testSeeds.includes(s))).toEqual([]);
      holds(all, "validation-seeds", validationSeeds);
      holds(all, "test-seeds", testSeeds);

      const gain = (split: string, policy: string) => {
        const arm = (p: string) => shifted.filter((r) => r.split === split && r.policy === p).sort((a, b) => Number(a.seed) - Number(b.seed));
        return pairedDifference(
          arm(policy).map((r) => Number(r.ctr_after_shift)),
          arm("static").map((r) => Number(r.ctr_after_shift)),
        );
      };
      const policies = distinct(shifted.map((r) => String(r.policy))).filter((p) => p !== "static");
      const candidates = policies.filter((p) => !TRUTH_POLICIES.includes(p));
      const chosen = candidates.reduce((best, p) => (gain("validation", p).mean > gain("validation", best).mean ? p : best));
      holds(all, "chosen", chosen);
      const test = gain("test", chosen);
      holds(all, "test-difference", Number(test.mean.toFixed(4)));
      holds(all, "test-lo", Number(test.lo.toFixed(4)));
      holds(all, "test-hi", Number(test.hi.toFixed(4)));
      holds(all, "verdict", test.lo > 0 ? "beats static" : test.hi < 0 ? "static wins" : "no clear difference");
      const byTest = candidates.map((p) => ({ p, d: gain("test", p) })).sort((a, b) => b.d.mean - a.d.mean);
      holds(all, "headline/above-static", byTest.filter((x) => x.d.lo > 0).map((x) => x.p));
      holds(all, "headline/below-static", byTest.filter((x) => x.d.hi < 0).map((x) => x.p));
      holds(all, "headline/seeds", testSeeds.length);
      holds(all, "headline/bounds", TRUTH_POLICIES.filter((p) => policies.includes(p)));
      // the bound is drawn apart, not as one of the adaptive dots
      const boundLabel = await page.$eval("#figure-headline svg", (svg) => svg.textContent ?? "");
      expect(boundLabel).toContain("upper bound");

      const scenarios = distinct(rows.map((r) => String(r.scenario)));
      const ranked = distinct(rows.map((r) => String(r.policy)))
        .filter((p) => !TRUTH_POLICIES.includes(p))
        .map((p) => ({ p, ctr: mean(scenarios.map((s) => mean(rows.filter((r) => r.scenario === s && r.policy === p).map((r) => Number(r.ctr))))) }))
        .sort((a, b) => b.ctr - a.ctr);
      holds(all, "static-rank", ranked.findIndex((x) => x.p === "static") + 1);
      holds(all, "ranked", ranked.length);
      holds(all, "first-on-ctr", ranked[0].p);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("trade-offs: captions against tradeoffs.csv", () => {
  test("whether λ raises NDCG, the frontiers and where static sits come from the data", async () => {
    const { page, errors } = await open("tradeoffs", 3);
    try {
      const all = await claims(page);
      const rows = await download(page, "tradeoffs.csv");
      const seeds = distinct(rows.map((r) => r.seed)).length;
      expect(seeds).toBeGreaterThanOrEqual(5);
      holds(all, "seeds", seeds);
      const lambdas = distinct(rows.map((r) => Number(r.diversity))).sort((a, b) => a - b);
      const policies = distinct(rows.map((r) => String(r.policy)));
      const arm = (p: string, l: number) => rows.filter((r) => r.policy === p && r.diversity === l).sort((a, b) => Number(a.seed) - Number(b.seed));
      const step = policies.map((p) => ({
        p,
        d: pairedDifference(
          arm(p, lambdas[1]).map((r) => Number(r.ndcg)),
          arm(p, lambdas[0]).map((r) => Number(r.ndcg)),
        ),
      }));
      holds(all, "ndcg-ild/ndcg-rises", step.filter((x) => x.d.mean > 0).map((x) => x.p));
      holds(all, "ndcg-ild/ndcg-rises-clearly", step.filter((x) => x.d.lo > 0).map((x) => x.p));
      holds(all, "ndcg-ild/ndcg-falls-clearly", step.filter((x) => x.d.hi < 0).map((x) => x.p));

      const points = policies.flatMap((p) =>
        lambdas.map((l) => {
          const v = arm(p, l);
          const m = (k: string) => mean(v.map((r) => Number(r[k])));
          return { label: `${p} λ=${l}`, policy: p, ndcg: m("ndcg"), ild: m("ild"), ctr: m("ctr"), coverage: m("coverage") };
        }),
      );
      // the frontier: points that no other point matches or beats on both axes, by x
      const frontier = (x: "ild" | "coverage", y: "ndcg" | "ctr") =>
        points
          .filter((p) => !points.some((q) => q !== p && q[x] >= p[x] && q[y] >= p[y] && (q[x] > p[x] || q[y] > p[y])))
          .sort((a, b) => a[x] - b[x])
          .map((p) => p.label);
      holds(all, "ndcg-ild/frontier-ild", frontier("ild", "ndcg"));
      holds(all, "ctr-coverage/frontier-coverage", frontier("coverage", "ctr"));
      const staticOn = [
        ["NDCG–ILD", frontier("ild", "ndcg")],
        ["CTR–coverage", frontier("coverage", "ctr")],
      ]
        .filter(([, f]) => (f as string[]).some((l) => l.startsWith("static ")))
        .map(([name]) => name);
      expect(all.get("ctr-coverage/static-frontiers")!.value).toEqual(staticOn);
      const figures = await page.$$eval("figure[data-figure]", (fs) => fs.map((f) => Number((f as HTMLElement).dataset.seeds)));
      expect(figures.length).toBe(3);
      for (const n of figures) expect(n).toBe(seeds);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("weights: the shift round and the tracking error against weights.json", () => {
  test("the caption's round, seeds and tracking numbers are the data's", async () => {
    const { page, errors } = await open("weights", 5);
    try {
      const all = await claims(page);
      // the JSON the page loaded, as the reader's browser got it
      const href = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).find((n) => /\/weights\.[^/]*json$/.test(n)));
      expect(href).toBeDefined();
      const data = (await (await page.request.get(href!)).json()) as {
        scenarios: { name: string; seeds: number[]; scheduledShifts: number[] }[];
        detail: { seeds: number[]; scheduledShifts: number[]; tracking: { seed: number; round: number; error: number | null; reference: number | null }[] };
      };
      const shifted = data.scenarios.find((s) => s.name === "abrupt-shift")!;
      holds(all, "weights-abrupt-shift/shift-round", shifted.scheduledShifts[0]);
      holds(all, "weights-abrupt-shift/seeds", shifted.seeds.length);
      expect(shifted.seeds.length).toBeGreaterThanOrEqual(5);
      const { tracking, seeds, scheduledShifts } = data.detail;
      holds(all, "tracking/tracking-seeds", seeds.length);
      const shift = scheduledShifts[0];
      const windowOf = (from: number, to: number) => seeds.map((seed) => mean(tracking.filter((d) => d.seed === seed && d.round >= from && d.round < to && d.error !== null).map((d) => d.error!)));
      const before = windowOf(shift - 10, shift);
      holds(all, "tracking/before", Number(mean(before).toFixed(3)));
      const rise = pairedDifference(windowOf(shift, shift + 10), before);
      holds(all, "tracking/responds", rise.lo > 0 ? "rises" : rise.hi < 0 ? "falls" : "does not clearly change");
      holds(all, "tracking/reference", Number(mean(tracking.map((d) => d.reference!)).toFixed(2)));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("real data: the lead against the replay's summary", () => {
  test("names the policy chosen on the tuning windows and reports it on the held-out part, apart from the held-out best", async () => {
    const summary = JSON.parse(readFileSync(join(ROOT, "data", "real-data-summary.json"), "utf8")) as {
      windows: { window: number; heldOut: boolean }[];
      scores: { policy: string; window: number; hit: number }[];
      heldOut: { policy: string; hit: number }[];
      differences: { policy: string; baseline: string; mean: number }[];
    };
    const tuning = new Set(summary.windows.filter((w) => !w.heldOut).map((w) => w.window));
    const policies = [...new Set(summary.scores.map((s) => s.policy))];
    const tuned = policies.map((p) => ({ p, hit: mean(summary.scores.filter((s) => s.policy === p && tuning.has(s.window)).map((s) => s.hit)) })).sort((a, b) => b.hit - a.hit)[0];
    const chosen = summary.heldOut.find((d) => d.policy === tuned.p)!;
    const bestHeld = [...summary.heldOut].sort((a, b) => b.hit - a.hit)[0];
    const vsPopularity = summary.differences.find((d) => d.policy === chosen.policy && d.baseline === "popularity")!;
    const { page, errors } = await open("real-data", 3);
    try {
      const lead = await page.$eval("#observablehq-main p", (p) => p.textContent ?? "");
      expect(lead).toContain(`${chosen.policy}, the best policy on the tuning slice (mean hit@10 ${tuned.hit.toFixed(4)}`);
      expect(lead).toContain(`scores hit@10 ${chosen.hit.toFixed(4)} on the held-out ratings`);
      expect(lead).toContain(`against popularity ${vsPopularity.mean >= 0 ? "+" : "−"}${Math.abs(vsPopularity.mean).toFixed(4)}`);
      if (bestHeld.policy !== chosen.policy) expect(lead).toContain(`The best on the held-out part itself is ${bestHeld.policy} (${bestHeld.hit.toFixed(4)}`);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("one palette on every page", () => {
  test("every legend swatch of a component, policy or metric has the palette's colour", async () => {
    const names: Record<string, string> = { CTR: "ctr", "NDCG@k": "ndcg", ILD: "ild" };
    const seen: string[] = [];
    for (const [name, charts] of [
      ["weights", 5],
      ["tradeoffs", 3],
      ["playground", 2],
      ["real-data", 0],
    ] as const) {
      const { page } = await open(name, charts);
      try {
        if (name === "playground") await page.waitForSelector('#status[data-status="done"]', { timeout: 60_000 });
        const swatches = await page.$$eval('#observablehq-main [class$="-swatch"]', (els) =>
          els.map((e) => ({ label: (e.textContent ?? "").trim(), fill: e.querySelector("svg")?.getAttribute("fill") ?? "" })),
        );
        for (const { label, fill } of swatches) {
          const expected = COMPONENT_COLOURS[label] ?? POLICY_COLOURS[label] ?? METRIC_COLOURS[names[label] ?? label];
          if (!expected) continue;
          expect(fill.toLowerCase(), `${name}: ${label}`).toBe(expected.toLowerCase());
          seen.push(`${name}:${label}`);
        }
      } finally {
        await page.close();
      }
    }
    // components on the weights page, policies on trade-offs, metrics and components in the playground
    expect(seen).toEqual(expect.arrayContaining(["weights:popularity", "tradeoffs:static", "playground:CTR", "playground:random"]));
  });
});

describe("mechanism: what the text calls red is red", () => {
  test("the source articles' printed row of the worked example is drawn in the theme's red", async () => {
    const { page, errors } = await open("mechanism", 4);
    try {
      expect(await page.locator("#observablehq-main").innerText()).toContain("last row, in red");
      const colours = await page.$$eval("table.worked tbody tr:last-child td", (tds) => tds.map((td) => getComputedStyle(td).color));
      const red = await page.evaluate(() => {
        const probe = document.createElement("span");
        probe.style.color = "var(--theme-red)";
        document.body.append(probe);
        const c = getComputedStyle(probe).color;
        probe.remove();
        return c;
      });
      expect(colours.length).toBeGreaterThan(3);
      for (const c of colours) expect(c).toBe(red);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

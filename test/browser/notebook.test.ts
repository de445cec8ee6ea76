/**
 * The notebook workflow as a researcher follows it: a sweep made here with `drift-lab sweep`, the page template
 * src/notebook.md copied verbatim into a site of its own with that sweep.csv beside it, built with Observable
 * Framework, and opened in headless Chromium. The group means arquero computes on the page must equal the means
 * computed here by hand from sweep.csv, and so must the paired differences against the baseline.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseCsv } from "../../lib/io/csv.js";
import { cliInProcess, read, tempDir } from "../support/cli.js";
import { launchChromium, recordedPage, ROOT, serveDist } from "./harness.js";

const site = {} as { root: string; origin: string; server: Server; browser: Browser; sweep: string; buildSeconds: number };

beforeAll(async () => {
  const out = tempDir("notebook-sweep");
  const r = await cliInProcess(["sweep", "--scenario", "baseline", "--grid", "kind=ema,momentum", "--grid", "alpha=0.1,0.8", "--seeds", "3", "--rounds", "12", "--set", "world.users=40", "--set", "world.items=100", "--workers", "1", "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  site.sweep = read(out, "sweep.csv");
  // a site of its own inside the project (Framework finds node_modules by walking up from its root)
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  site.root = mkdtempSync(join(ROOT, ".cache", "notebook-site-"));
  const src = join(site.root, "src");
  mkdirSync(join(src, "components"), { recursive: true });
  mkdirSync(join(src, "data", "notebook"), { recursive: true });
  copyFileSync(join(ROOT, "src", "notebook.md"), join(src, "notebook.md"));
  copyFileSync(join(ROOT, "src", "components", "figure.js"), join(src, "components", "figure.js"));
  symlinkSync(join(ROOT, "lib"), join(src, "lib"));
  writeFileSync(join(src, "data", "build.json"), JSON.stringify({ version: "0.0.0", commit: "test", date: "2000-01-01" }));
  writeFileSync(join(src, "data", "notebook", "sweep.csv"), site.sweep);
  writeFileSync(
    join(site.root, "observablehq.config.js"),
    `export default ${JSON.stringify({ title: "Notebook test", root: "src", output: "dist", pages: [{ name: "Notebook", path: "/notebook" }], globalStylesheets: [], search: false, cleanUrls: false, head: '<link rel="icon" href="data:,">' })};\n`,
  );
  const started = performance.now();
  const build = spawnSync(process.execPath, [join(ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"), "build"], { cwd: site.root, encoding: "utf8" });
  site.buildSeconds = (performance.now() - started) / 1000;
  expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
  const served = await serveDist(join(site.root, "dist"));
  site.server = served.server;
  site.origin = served.origin;
  site.browser = await launchChromium();
}, 10 * 60_000);

afterAll(async () => {
  await site.browser?.close();
  site.server?.close();
  if (site.root) rmSync(site.root, { recursive: true, force: true });
});

/** Hand-computed: per (kind, alpha), the mean CTR over the seeds, and the mean per-seed difference from (ema, 0.1). */
function byHand(csv: string) {
  const { columns, rows } = parseCsv(csv, "sweep.csv");
  const at = (name: string) => columns.indexOf(name);
  const groups = new Map<string, { ctr: number[]; bySeed: Map<string, number> }>();
  for (const r of rows) {
    const key = `kind=${r[at("kind")]}, alpha=${Number(r[at("alpha")])}`;
    if (!groups.has(key)) groups.set(key, { ctr: [], bySeed: new Map() });
    groups.get(key)!.ctr.push(Number(r[at("ctr")]));
    groups.get(key)!.bySeed.set(r[at("seed")], Number(r[at("ctr")]));
  }
  const base = groups.get("kind=ema, alpha=0.1")!.bySeed;
  return [...groups].map(([group, g]) => {
    let sum = 0;
    for (const c of g.ctr) sum += c;
    let diff = 0;
    for (const [seed, c] of g.bySeed) diff += c - base.get(seed)!;
    return { group, n: g.ctr.length, mean: sum / g.ctr.length, difference: diff / g.bySeed.size };
  });
}

describe("the notebook template over a sweep made here", () => {
  test("builds, and arquero's group means and paired differences equal the hand-computed ones", async () => {
    console.log(`notebook template: its own site built in ${site.buildSeconds.toFixed(1)} s`);
    const expected = byHand(site.sweep);
    expect(expected.length).toBe(4);
    const { page, errors } = await recordedPage(site.browser);
    try {
      await page.goto(`${site.origin}/notebook.html`, { waitUntil: "load" });
      await page.waitForSelector("#notebook-summary tbody tr");
      await page.waitForSelector("figure.chart svg[aria-label]");
      const rows = await page.$$eval("#notebook-summary tbody tr", (trs) =>
        trs.map((tr) => ({ group: (tr as HTMLElement).dataset.group!, mean: Number((tr as HTMLElement).dataset.mean), n: Number((tr as HTMLElement).dataset.n) })),
      );
      expect(rows.map((r) => r.group).sort()).toEqual(expected.map((e) => e.group).sort());
      for (const e of expected) {
        const row = rows.find((r) => r.group === e.group)!;
        expect(row.n, e.group).toBe(3);
        expect(Math.abs(row.mean - e.mean), e.group).toBeLessThanOrEqual(1e-12);
      }
      const paired = await page.$$eval("#notebook-paired tbody tr", (trs) =>
        trs.map((tr) => ({ group: (tr as HTMLElement).dataset.group!, difference: Number((tr as HTMLElement).dataset.difference), pairs: Number((tr as HTMLElement).dataset.pairs) })),
      );
      expect(paired.length).toBe(3);
      for (const p of paired) {
        expect(p.pairs, p.group).toBe(3);
        expect(Math.abs(p.difference - expected.find((e) => e.group === p.group)!.difference), p.group).toBeLessThanOrEqual(1e-12);
      }
      // the paired figure: one dot per grid point other than the baseline
      const caption = await page.locator("figure.chart figcaption").innerText();
      expect(caption).toContain("minus the baseline (kind=ema, alpha=0.1) on the same seed");
      expect(caption).toMatch(/^Figure 1\./);
      // the sweep.csv here was made by the test's drift-lab sweep, not by the site's loader: the line says the command
      expect(caption).toContain("Made by drift-lab sweep (its sweep.csv, rolled up on this page with arquero) · seeds 1–3 · Drift Lab 0.0.0, commit test, built 2000-01-01.");
      const tips = await page.$$eval('figure.chart g[aria-label="dot"] circle', (cs) => cs.length);
      expect(tips).toBe(3);
      expect(errors).toEqual([]);
      expect(readFileSync(join(site.root, "src", "notebook.md"), "utf8")).toBe(readFileSync(join(ROOT, "src", "notebook.md"), "utf8"));
    } finally {
      await page.close();
    }
  });
});

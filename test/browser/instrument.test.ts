/**
 * The site as an instrument, in headless Chromium on the built site (one build, shared with the other browser
 * tests): a URL with parameters restores a playground run, and the `drift-lab run` command the page shows makes
 * the same run; the stepper's w and π equal the command's weights.csv; a pinned run and the static baseline equal
 * their command-line runs; H and the source articles' preset; every page fits a 390 px phone, numbers its figures and
 * says what made them; print at A4 draws charts at the full text width.
 * Runs are small (60 users × 150 items × 20–30 rounds) so the file stays quick.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { parseCsv } from "../../lib/io/csv.js";
import { cliInProcess, read, tempDir } from "../support/cli.js";
import { PAGES, recordedPage, siteUnderTest } from "./harness.js";

const site = siteUnderTest();
const SMALL = "users=60&items=150";

const url = (name: string, query = "") => `${site.origin}/${name === "index" ? "" : `${name}.html`}${query ? `?${query}` : ""}`;

/** The words of a command as a POSIX shell splits them (bare words and single-quoted strings, as the page writes). */
function words(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)) out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]);
  return out;
}

/** Runs the command the page shows (`drift-lab run … --out X`) with the output directory replaced; returns the directory. */
async function runShown(command: string, label: string): Promise<string> {
  const args = words(command);
  expect(args.slice(0, 2)).toEqual(["drift-lab", "run"]);
  const dir = tempDir(label);
  const at = args.indexOf("--out");
  args.splice(at, 2, "--out", dir);
  const r = await cliInProcess([...args.slice(1), "--threads", "1"]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

function column(csv: string, name: string): number[] {
  const { columns, rows } = parseCsv(csv, name);
  const j = columns.indexOf(name);
  expect(j, `column ${name}`).toBeGreaterThanOrEqual(0);
  return rows.map((r) => Number(r[j]));
}

/** The text of a file the page offers for download (built in the page when the link is clicked). */
async function downloaded(page: Page, filename: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(`a[download="${filename}"]`)]);
  return readFileSync((await download.path())!, "utf8");
}

async function openPlayground(query: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await recordedPage(site.browser);
  await page.goto(url("playground", query), { waitUntil: "load" });
  await page.waitForSelector('#status[data-status="done"], #status[data-status="ready"]', { timeout: 60_000 });
  return { page, errors };
}

/**
 * Waits until the run of the controls now on the page is done: the status names the run it reports (data-run, the
 * run controls that differ from the defaults), so a status left from the run before a change does not count.
 */
const done = (page: Page) =>
  page.waitForFunction(
    () => {
      const status = document.querySelector("#status") as HTMLElement | null;
      if (status?.dataset.status !== "done") return false;
      const url = new URL(location.href).searchParams;
      const run = new URLSearchParams(status.dataset.run ?? "");
      return [...run].every(([k, v]) => url.get(k) === v) && [...url.keys()].every((k) => run.has(k) || !status.dataset.runKeys?.split(",").includes(k));
    },
    null,
    { timeout: 60_000 },
  );

async function setRange(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id}-input input[type=number]`).fill(value);
  await page.locator(`#${id}-input input[type=number]`).dispatchEvent("input");
}

describe("shareable runs", () => {
  test("a URL with parameters restores the run, and the copied drift-lab run command makes the same run (every round's CTR to 1e-9)", async () => {
    const query = `policy=momentum&alpha=0.35&beta=0.7&drift=trend&seed=3&rounds=30&${SMALL}&components=popularity,item-cf,user-cf,random`;
    const { page, errors } = await openPlayground(query);
    try {
      await done(page);
      expect(await page.inputValue("#alpha-input input[type=number]")).toBe("0.35");
      expect(await page.$eval("#policy-input select", (s) => (s as HTMLSelectElement).selectedOptions[0].text)).toBe("momentum");
      expect(new URL(page.url()).searchParams.get("alpha")).toBe("0.35");
      const command = await page.locator("#run-command").innerText();
      const dir = await runShown(command, "url-run");
      const played = await downloaded(page, "rounds.csv");
      const browser = column(played, "ctr");
      const node = column(read(dir, "rounds.csv"), "ctr");
      expect(browser.length).toBe(30);
      browser.forEach((ctr, t) => expect(Math.abs(ctr - node[t]), `round ${t}`).toBeLessThanOrEqual(1e-9));
      // the page's files are the command's files: the same columns, the same config
      expect(played.split("\n")[0]).toBe(read(dir, "rounds.csv").split("\n")[0]);
      expect(JSON.parse(await downloaded(page, "config.json"))).toEqual(JSON.parse(read(dir, "config.json")));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("a value that is not allowed keeps the control's default and says so in one line", async () => {
    const { page, errors } = await openPlayground(`alpha=9&policy=nope&${SMALL}&rounds=10&autorun=0`);
    try {
      const text = await page.locator("#url-errors").innerText();
      expect(text).toContain("URL parameter alpha: 9 is out of range");
      expect(text).toContain("URL parameter policy");
      expect(await page.inputValue("#alpha-input input[type=number]")).toBe("0.1");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("a stepper for class", () => {
  test("after each step the panel's w and π are that round's raw and weight in the command's weights.csv; Step after the end starts again", async () => {
    const { page, errors } = await openPlayground(`policy=smoothed&alpha=0.4&beta=0.6&autorun=0&rounds=10&${SMALL}`);
    // Plot warns (and draws a ⚠ on the chart) when a chart of one round guesses its series wrong
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text());
    });
    try {
      await page.waitForSelector('#status[data-status="ready"][data-played="0"]');
      const dir = await runShown(await page.locator("#run-command").innerText(), "stepper");
      const csv = parseCsv(read(dir, "weights.csv"), "weights.csv");
      expect(csv.columns).toEqual(["round", "component", "weight", "raw"]);
      for (let t = 0; t < 3; t++) {
        await page.click("#step-button");
        await page.waitForSelector(`#status[data-played="${t + 1}"]`);
        const panel = page.locator("#step-panel");
        expect(await panel.innerText()).toContain(`Round ${t} (${t + 1} of 10 played)`);
        expect(await page.locator("#status").innerText()).toContain(`Round ${t} played (${t + 1} of 10)`);
        const rows = await panel.locator("table.update tbody tr").evaluateAll((trs) =>
          trs.map((tr) => ({
            component: (tr as HTMLElement).dataset.component!,
            w: Number((tr as HTMLElement).dataset.wAfter),
            pi: Number((tr as HTMLElement).dataset.piAfter),
            cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""),
          })),
        );
        expect(rows.length).toBe(4);
        // the axes keep the whole run's 10 rounds from the first step on, and the round played so far is drawn
        expect(await page.$$eval('#weights-chart g[aria-label="x-axis tick label"] text', (ts) => ts.at(-1)?.textContent)).toBe("9");
        expect(await page.$$eval('#metrics-chart g[aria-label="x-axis tick label"] text', (ts) => ts.at(-1)?.textContent)).toBe("9");
        expect(await page.locator(`#weights-chart g[aria-label="${t === 0 ? "rect" : "area"}"] > *`).count()).toBe(4);
        expect(warnings, `after step ${t + 1}`).toEqual([]);
        for (const row of rows) {
          const line = csv.rows.find((r) => Number(r[0]) === t && r[1] === row.component)!;
          expect(Math.abs(row.pi - Number(line[2])), `π ${row.component} round ${t}`).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(row.w - Number(line[3])), `w ${row.component} round ${t}`).toBeLessThanOrEqual(1e-9);
          // what the reader sees (d3's minus sign is U+2212): w after and π after to 4 decimals, and the rule's
          // arithmetic ending in w after; cells: component, credit, w before, arithmetic, w after, π before, π after, Δπ
          const shown = row.cells.map((c) => c.replace(/\u2212/g, "-"));
          expect(shown.length).toBe(8);
          expect(Number(shown[4])).toBeCloseTo(Number(line[3]), 4);
          expect(Number(shown[6])).toBeCloseTo(Number(line[2]), 4);
          expect(shown[3].endsWith(`= ${Number(line[3]).toFixed(4)}`), shown[3]).toBe(true);
        }
      }
      await page.click("#run-button");
      await done(page);
      await page.click("#step-button");
      await page.waitForSelector('#status[data-status="paused"][data-played="1"]');
      expect(await page.locator("#step-panel").innerText()).toContain("Round 0 (1 of 10 played)");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("H changes the run; the preset sets seed-history, α = 0.05, H = 0.8; what a policy does not read is greyed out", async () => {
    const { page, errors } = await openPlayground(`rounds=20&${SMALL}`);
    try {
      await done(page);
      expect(await page.locator("#history-input input[type=number]").isDisabled()).toBe(true);
      expect(await page.locator("#beta-input input[type=number]").isDisabled()).toBe(true);
      expect(await page.locator("#alpha-input input[type=number]").isDisabled()).toBe(false);
      await page.click("#preset-button");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("policy") === "seed-history");
      await done(page);
      const params = new URL(page.url()).searchParams;
      expect([params.get("alpha"), params.get("history")]).toEqual(["0.05", "0.8"]);
      expect(await page.inputValue("#history-input input[type=number]")).toBe("0.8");
      expect(await page.locator("#history-input input[type=number]").isDisabled()).toBe(false);
      expect(await page.locator("#beta-input input[type=number]").isDisabled()).toBe(true);
      const before = await downloaded(page, "weights.csv");
      await setRange(page, "history", "1.6");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("history") === "1.6");
      await done(page);
      const after = await downloaded(page, "weights.csv");
      expect(column(after, "raw").length).toBe(column(before, "raw").length);
      expect(column(after, "raw")).not.toEqual(column(before, "raw"));
      // round 0's credit is 0 (the position baseline starts from round 0's own slates), so round 1 is served with the
      // same uniform π on both runs and earns the same credit: with H doubled the raw weight's step in round 1, from
      // w0 = τ·ln(1/4) (softmax, τ = 0.05), is exactly twice as long (weights.csv writes 10 significant digits)
      const w0 = 0.05 * Math.log(1 / 4);
      expect(column(before, "raw").slice(0, 4).every((w) => Math.abs(w - w0) < 1e-10)).toBe(true);
      const first = (csv: string) => column(csv, "raw").slice(4, 8);
      first(after).forEach((w, k) => expect(w - w0).toBeCloseTo(2 * (first(before)[k] - w0), 8));
      expect(first(before).some((w) => Math.abs(w - w0) > 1e-3)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("the mechanism page's preset and its event-by-event arithmetic", async () => {
    const { page, errors } = await recordedPage(site.browser);
    try {
      await page.goto(url("mechanism", "events=B-C"), { waitUntil: "load" });
      await page.waitForSelector("#event-arithmetic tbody tr");
      await page.click("#preset-button");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("rule") === "seed-history");
      const params = new URL(page.url()).searchParams;
      expect([params.get("alpha"), params.get("history"), params.get("events")]).toEqual(["0.05", "0.8", "B-C"]);
      await page.waitForFunction(() => document.querySelector('#event-arithmetic tr[data-event="1"][data-item="B"] code')?.textContent?.includes("0.8"));
      const row = (event: number, item: string) =>
        page.$eval(`#event-arithmetic tr[data-event="${event}"][data-item="${item}"]`, (tr) => ({ w: Number((tr as HTMLElement).dataset.w), text: tr.textContent ?? "" }));
      // a click on B: B gets 0 + 0.05·1·0.8 = 0.04, A and C (skips, r = −1) 0 − 0.04
      expect((await row(1, "B")).w).toBeCloseTo(0.04, 12);
      expect((await row(1, "B")).text).toContain("0.000 + 0.050·1.000·0.800 = 0.040");
      expect((await row(1, "A")).w).toBeCloseTo(-0.04, 12);
      // no click: every item a skip (B back to 0, A and C down to −0.08); then a click on C
      expect((await row(2, "B")).w).toBeCloseTo(0, 12);
      expect((await row(2, "C")).w).toBeCloseTo(-0.08, 12);
      expect((await row(3, "C")).w).toBeCloseTo(-0.04, 12);
      expect((await row(3, "A")).w).toBeCloseTo(-0.12, 12);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("compare", () => {
  test("pin, then change α: both runs are drawn, and the compare view's numbers are two command-line runs; the static baseline runs in a worker and equals its command-line run", async () => {
    const { page, errors } = await openPlayground(`rounds=30&${SMALL}`);
    try {
      await done(page);
      const pinnedCommand = await page.locator("#run-command").innerText();
      await page.click("#pin-button");
      await page.waitForFunction(() => new URL(location.href).searchParams.has("pin"));
      await setRange(page, "alpha", "0.6");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("alpha") === "0.6");
      await done(page);
      await page.waitForSelector('#compare-table tr[data-run="pinned"]');
      expect(await page.locator('#weights-chart g[aria-label="line"] path').count()).toBeGreaterThan(0);
      expect(await page.locator('#metrics-chart g[aria-label="line"] path').count()).toBeGreaterThanOrEqual(6);
      await page.check("#baseline-input input[type=checkbox]");
      await page.waitForSelector('#compare-table tr[data-run="static baseline"]', { timeout: 60_000 });
      const currentCommand = await page.locator("#run-command").innerText();
      const staticCommand = currentCommand.replace("--out", "--set policy.kind=static --out");
      const dirs = { "this run": await runShown(currentCommand, "compare-now"), pinned: await runShown(pinnedCommand, "compare-pin"), "static baseline": await runShown(staticCommand, "compare-static") };
      const compare = parseCsv(await downloaded(page, "compare.csv"), "compare.csv");
      for (const [run, dir] of Object.entries(dirs)) {
        const ctr = column(read(dir, "rounds.csv"), "ctr");
        const shown = compare.rows.filter((r) => r[0] === run).map((r) => Number(r[compare.columns.indexOf("ctr")]));
        expect(shown.length, run).toBe(30);
        shown.forEach((c, t) => expect(Math.abs(c - ctr[t]), `${run} round ${t}`).toBeLessThanOrEqual(1e-9));
        const mean = Number(await page.getAttribute(`#compare-table tr[data-run="${run}"] td[data-metric="ctr"]`, "data-value"));
        expect(Math.abs(mean - ctr.reduce((s, x) => s + x, 0) / ctr.length), run).toBeLessThanOrEqual(1e-9);
      }
      // the link restores the comparison: the pinned run is played again (in the worker) from the URL
      const link = page.url();
      const again = await recordedPage(site.browser);
      try {
        await again.page.goto(link, { waitUntil: "load" });
        await again.page.waitForSelector('#compare-table tr[data-run="pinned"]', { timeout: 60_000 });
        const pinnedMean = Number(await again.page.getAttribute('#compare-table tr[data-run="pinned"] td[data-metric="ctr"]', "data-value"));
        const ctr = column(read(dirs.pinned, "rounds.csv"), "ctr");
        expect(Math.abs(pinnedMean - ctr.reduce((s, x) => s + x, 0) / ctr.length)).toBeLessThanOrEqual(1e-9);
        expect(again.errors).toEqual([]);
      } finally {
        await again.page.close();
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("small multiples and bands over seeds come from the worker while the page stays responsive", async () => {
    const { page, errors } = await openPlayground(`rounds=20&${SMALL}&vary=alpha&values=0.05,0.8&bands=3`);
    try {
      await done(page);
      // the page answers while the worker plays: a step resets and plays one round at once
      await page.click("#step-button");
      await page.waitForSelector('#status[data-played="1"]', { timeout: 5_000 });
      await page.waitForFunction(() => document.querySelectorAll(".multiples svg[aria-label]").length === 2, null, { timeout: 60_000 });
      await page.waitForFunction(() => (document.querySelector("#background-status")?.textContent ?? "").includes("5 of 5 done"), null, { timeout: 60_000 });
      expect(await page.locator('#metrics-chart g[aria-label="area"]').count()).toBe(1);
      expect(await page.locator('#compare-table tr[data-run="alpha = 0.8"]').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("citable, on a phone and on paper", () => {
  test("no page is wider than a 390 px viewport; figures are numbered in order and say what made them", async () => {
    const report: string[] = [];
    for (const name of PAGES) {
      const { page, errors } = await recordedPage(site.browser, 390, 844);
      try {
        await page.goto(url(name, name === "playground" ? `${SMALL}&rounds=10` : ""), { waitUntil: "load" });
        await page.waitForLoadState("networkidle");
        if (name === "playground") await done(page);
        await page.waitForTimeout(200);
        const width = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
        report.push(`${name}: ${width} px`);
        expect(width, `${name} is ${width} px wide at 390`).toBeLessThanOrEqual(390);
        const figures = await page.$$eval("figure.chart", (fs) => fs.map((f) => ({ number: (f as HTMLElement).dataset.number, label: f.querySelector(".figure-number")?.textContent, made: f.querySelector(".made-by")?.textContent ?? "" })));
        figures.forEach((f, i) => {
          expect(f.number, `${name} figure ${i + 1}`).toBe(String(i + 1));
          expect(f.label).toBe(`Figure ${i + 1}.`);
          expect(f.made).toMatch(/^Made by .+ · Drift Lab \d+\.\d+\.\d+, commit \S+, built \d{4}-\d{2}-\d{2}\.$/);
          // the parts joined by " · " and nothing else (no array commas, no "[object …]")
          expect(f.made, `${name} figure ${i + 1}`).not.toMatch(/ ,|,,|\[object/);
        });
        expect(errors, name).toEqual([]);
      } finally {
        await page.close();
      }
    }
    console.log(`widths at 390 px: ${report.join(", ")}`);
  });

  test("the index has a cite-this block with BibTeX of this build", async () => {
    const { page, errors } = await recordedPage(site.browser);
    try {
      await page.goto(url("index"), { waitUntil: "networkidle" });
      const bibtex = await page.locator("#bibtex").innerText();
      expect(bibtex).toMatch(/^@software\{drift_lab_\d{4},/);
      expect(bibtex).toMatch(/version = \{\d+\.\d+\.\d+\}/);
      expect(bibtex).toMatch(/note {4}= \{commit \S+, built \d{4}-\d{2}-\d{2}\}/);
      expect(await page.locator("#cite").innerText()).toContain("Cite as:");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test("print preview at A4: controls left out, every chart at the full text width", async () => {
    // A4 is 210 mm wide; with the stylesheet's 15 mm margins the text is 180 mm, 680 CSS pixels
    let measured = 0;
    for (const name of PAGES) {
      const { page, errors } = await recordedPage(site.browser, 680, 960);
      try {
        await page.goto(url(name, name === "playground" ? `${SMALL}&rounds=10` : ""), { waitUntil: "load" });
        await page.waitForLoadState("networkidle");
        if (name === "playground") await done(page);
        await page.emulateMedia({ media: "print" });
        await page.waitForTimeout(200);
        const { text, charts, controls } = await page.evaluate(() => {
          const main = document.querySelector("#observablehq-main")!;
          const style = getComputedStyle(main);
          const text = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          const charts = [...document.querySelectorAll("figure.chart")].map((f) => {
            const svgs = [...f.querySelectorAll("svg")].filter((s) => !s.closest("[class*='-swatch']") && !(s.getAttribute("class") ?? "").endsWith("-ramp"));
            return Math.max(...svgs.map((s) => s.getBoundingClientRect().width));
          });
          const controls = [...document.querySelectorAll(".controls, .buttons")].filter((c) => getComputedStyle(c).display !== "none").length;
          return { text, charts, controls };
        });
        expect(controls, name).toBe(0);
        measured += charts.length;
        for (const w of charts) expect(w, `${name}: a chart ${w} px wide in ${text} px of text`).toBeGreaterThanOrEqual(0.97 * text);
        expect(errors, name).toEqual([]);
      } finally {
        await page.close();
      }
    }
    expect(measured).toBeGreaterThan(20);
  });
});

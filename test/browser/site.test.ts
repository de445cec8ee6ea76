/**
 * The built site in headless Chromium: every page loads with no console error and draws its charts, the built site
 * asks no other host for anything, and the playground's α control and Step button work. (A URL with parameters, the
 * copied command, the stepper against weights.csv, compare, phone widths and print: instrument.test.ts.)
 * Builds the site first when dist/ is missing; fails (never skips) when Chromium is missing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { ROOT } from "../../cli/files.js";
import { DIST, foreignRequests, recordedPage, siteUnderTest } from "./harness.js";

/** Charts each page must draw at least (svg elements with an aria-label inside the page's main column). */
const MIN_CHARTS: Record<string, number> = {
  index: 2,
  mechanism: 6,
  weights: 4,
  stability: 3,
  tradeoffs: 2,
  policies: 1,
  playground: 2,
  language: 6,
  // The replay page draws its charts from the committed summary of a whole replay (data/real-data-summary.json).
  "real-data": existsSync(join(ROOT, "data", "real-data-summary.json")) ? 3 : 0,
  "source-articles": 0,
  notebook: 1,
};

const site = siteUnderTest();
const allRequests: string[] = [];

function builtPages(): string[] {
  return readdirSync(DIST)
    .filter((f) => f.endsWith(".html") && f !== "404.html")
    .map((f) => f.slice(0, -5))
    .sort();
}

function url(page: string): string {
  return `${site.origin}/${page === "index" ? "" : `${page}.html`}`;
}

/** For each chart: its label and whether it holds drawn data (a mark with shapes, or the loop diagram's boxes). */
async function charts(page: Page): Promise<{ label: string; drawn: boolean }[]> {
  return page.$$eval("#observablehq-main svg[aria-label]", (svgs) =>
    svgs.map((svg) => ({
      label: svg.getAttribute("aria-label") ?? "",
      drawn:
        svg.querySelector(
          'g[aria-label="area"] path, g[aria-label="line"] path, g[aria-label="dot"] circle, g[aria-label="dot"] path, g[aria-label="cell"] rect, g[aria-label="bar"] rect',
        ) !== null || (svg.getAttribute("role") === "img" && svg.querySelector("rect") !== null),
    })),
  );
}

/** Waits until the page has drawn at least `min` charts, all with data (pages draw after their data loads). */
async function waitForCharts(page: Page, min: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const svgs = [...document.querySelectorAll("#observablehq-main svg[aria-label]")];
      return svgs.length >= n;
    },
    min,
    { timeout: 30_000 },
  );
}

describe("every page", () => {
  test("the build has the pages the site promises", () => {
    expect(builtPages()).toEqual(expect.arrayContaining(Object.keys(MIN_CHARTS)));
  });

  for (const name of Object.keys(MIN_CHARTS)) {
    test(`${name} loads with no console error and draws its charts`, async () => {
      const { page, errors, requests } = await recordedPage(site.browser);
      try {
        await page.goto(url(name), { waitUntil: "load" });
        await waitForCharts(page, MIN_CHARTS[name]);
        if (name === "playground") await page.waitForSelector('#status[data-status="done"]', { timeout: 30_000 });
        await page.waitForLoadState("networkidle");
        const drawn = await charts(page);
        expect(drawn.length).toBeGreaterThanOrEqual(MIN_CHARTS[name]);
        expect(drawn.filter((c) => !c.drawn).map((c) => c.label)).toEqual([]);
        expect(await page.locator("#observablehq-main .observablehq--error").count()).toBe(0);
        expect(errors).toEqual([]);
        const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href).filter((h) => h.startsWith(location.origin)));
        for (const link of new Set(links.map((h) => h.split("#")[0]))) expect((await page.request.get(link)).status(), link).toBe(200);
        await page.screenshot({ path: `/tmp/drift-lab-${name}.png`, fullPage: true });
      } finally {
        allRequests.push(...requests);
        await page.close();
      }
    });
  }

  test("pages not listed above (added later) load without errors", async () => {
    for (const name of builtPages().filter((p) => !(p in MIN_CHARTS))) {
      const { page, errors, requests } = await recordedPage(site.browser);
      try {
        await page.goto(url(name), { waitUntil: "networkidle" });
        expect(await page.locator("#observablehq-main .observablehq--error").count(), name).toBe(0);
        expect(errors, name).toEqual([]);
      } finally {
        allRequests.push(...requests);
        await page.close();
      }
    }
  });
});

async function open(): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const recorded = await recordedPage(site.browser);
  await recorded.page.goto(url("playground"), { waitUntil: "load" });
  await recorded.page.waitForSelector('#status[data-status="done"]', { timeout: 30_000 });
  return recorded;
}

async function weightChart(page: Page): Promise<string> {
  return page.$eval("#weights-chart svg[aria-label]", (svg) =>
    [...svg.querySelectorAll('g[aria-label="area"] path')].map((p) => p.getAttribute("d")).join("|"),
  );
}

describe("the playground", () => {
  test("the α control changes the weight chart", async () => {
    const { page, errors, requests } = await open();
    try {
      const status = await page.locator("#status").innerText();
      console.log(`playground default run: ${status.replace(/\s+/g, " ")}`);
      const before = await weightChart(page);
      expect(before.length).toBeGreaterThan(0);
      await page.locator("#alpha-input input[type=number]").fill("1.5");
      await page.locator("#alpha-input input[type=number]").dispatchEvent("input");
      await page.waitForFunction(
        (old) => {
          const status = document.querySelector("#status")?.getAttribute("data-status");
          const paths = [...document.querySelectorAll('#weights-chart g[aria-label="area"] path')].map((p) => p.getAttribute("d")).join("|");
          return status === "done" && paths.length > 0 && paths !== old;
        },
        before,
        { timeout: 30_000 },
      );
      expect(await page.locator("#step-panel").innerText()).toContain("α = 1.5");
      expect(await weightChart(page)).not.toBe(before);
      expect(errors).toEqual([]);
    } finally {
      allRequests.push(...requests);
      await page.close();
    }
  });

  test("stepping shows the numbers of one update", async () => {
    const { page, errors, requests } = await open();
    try {
      await page.click("#reset-button");
      await page.waitForSelector('#status[data-status="ready"][data-played="0"]');
      await page.click("#step-button");
      await page.waitForSelector('#status[data-status="paused"][data-played="1"]');
      const panel = page.locator("#step-panel");
      expect(await panel.innerText()).toContain("Round 0");
      const slate = await panel.locator("table.slate tbody tr").allInnerTexts();
      expect(slate.length).toBe(10);
      for (const row of slate) expect(row).toMatch(/^\d+\s+\S.*\s(click|purchase|skip)/s);
      const update = await panel.locator("table.update tbody tr").evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "")),
      );
      const components = await page.$$eval("#components-input input:checked", (inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(update.length).toBe(components.length);
      const number = (s: string) => Number(s.replace("−", "-"));
      let before = 0;
      let after = 0;
      for (const cells of update) {
        const [b, a, d] = cells.slice(-3).map(number);
        expect(Number.isFinite(b) && Number.isFinite(a) && Number.isFinite(d)).toBe(true);
        expect(Math.abs(a - b - d)).toBeLessThanOrEqual(0.0015);
        before += b;
        after += a;
      }
      expect(before).toBeCloseTo(1, 2);
      expect(after).toBeCloseTo(1, 2);
      // what the text model read: the traced user's texts, or a line saying there were none
      const language = await page.locator("#language-panel").innerText();
      expect(language).toContain("Encoder pretrained");
      expect(language).toMatch(/Nobody wrote a query or a review this round|closest items:|P\(positive\) = /);
      await page.click("#step-button");
      await page.waitForSelector('#status[data-played="2"]');
      expect(await panel.innerText()).toContain("Round 1");
      expect(errors).toEqual([]);
    } finally {
      allRequests.push(...requests);
      await page.close();
    }
  });
});

describe("the playground's llm policy", () => {
  test("replays the build's transcript, and the step panel shows the prompt and the reply of a call", async () => {
    const { page, errors, requests } = await open();
    try {
      await page.selectOption("#policy-input select", { label: "llm" });
      await page.waitForFunction(
        () => {
          const status = document.querySelector("#status")?.getAttribute("data-status");
          return status === "error" || ((document.querySelector("#step-panel")?.textContent ?? "").includes("Policy llm") && status === "done");
        },
        null,
        { timeout: 60_000 },
      );
      expect((await page.locator("#status").innerText()).replace(/\s+/g, " ")).toContain("(100 of 100) · done");
      await page.click("#reset-button");
      await page.waitForSelector('#status[data-status="ready"][data-played="0"]');
      for (let r = 1; r <= 10; r++) {
        await page.click("#step-button");
        await page.waitForSelector(`#status[data-played="${r}"]`);
      }
      const panel = await page.locator("#step-panel").innerText();
      expect(panel).toContain("Round 9");
      expect(panel).toContain("After this round the policy asked the model");
      expect(panel).toContain("Rounds 0 to 9 (call 1 of 9)");
      expect(panel).toMatch(/Reply\s*\{"weights":\{"random":[01]\.?\d*,"popularity":[01]\.?\d*/);
      expect(panel).toContain("Outcome: used");
      await page.click("#step-button");
      await page.waitForSelector('#status[data-played="11"]');
      expect(await page.locator("#step-panel").innerText()).toContain("No call after this round");
      expect(errors).toEqual([]);
    } finally {
      allRequests.push(...requests);
      await page.close();
    }
  });
});

describe("the playground runs everything registered", () => {
  test("all components together, under every policy, at a tiny size", async () => {
    const { page, errors, requests } = await open();
    try {
      const settle = async (text: string) => {
        await page.waitForFunction(
          (t) => {
            const status = document.querySelector("#status")?.getAttribute("data-status");
            return status === "error" || (status === "done" && (document.querySelector("#step-panel")?.textContent ?? "").includes(t));
          },
          text,
          { timeout: 60_000 },
        );
        return { status: await page.getAttribute("#status", "data-status"), text: (await page.locator("#status").innerText()).replace(/\s+/g, " ") };
      };
      for (const [id, value] of [["users", "20"], ["items", "60"], ["rounds", "10"]]) {
        await page.locator(`#${id}-input input[type=number]`).fill(value);
        await page.locator(`#${id}-input input[type=number]`).dispatchEvent("input");
      }
      const boxes = page.locator("#components-input input[type=checkbox]");
      for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
      const components = await page.locator("#components-input label").allInnerTexts();
      const last = components[components.length - 1].trim();
      expect(await settle(`Ŝ ${last}`)).toEqual({ status: "done", text: expect.stringContaining("Round 9 played (10 of 10)") });
      const policies = await page.locator("#policy-input option").allInnerTexts();
      const failed: string[] = [];
      for (const policy of policies) {
        await page.selectOption("#policy-input select", { label: policy });
        const { status, text } = await settle(`Policy ${policy}`);
        if (status !== "done") failed.push(`${policy}: ${text}`);
      }
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      allRequests.push(...requests);
      await page.close();
    }
  });
});

describe("a self-contained site", () => {
  test("the built site makes no request to another host", () => {
    expect(allRequests.length).toBeGreaterThan(50);
    expect(foreignRequests(allRequests, site.origin)).toEqual([]);
  });

  test("no built file refers to a CDN", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(path);
        else if (/\.(html|js|css)$/.test(entry.name)) {
          const text = readFileSync(path, "utf8");
          if (/cdn\.jsdelivr\.net|fonts\.googleapis\.com|unpkg\.com|esm\.sh/.test(text)) offenders.push(path.slice(DIST.length + 1));
        }
      }
    };
    walk(DIST);
    expect(offenders).toEqual([]);
  });
});

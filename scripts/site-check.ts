/**
 * Serves dist/ and opens every page in headless Chromium: prints console errors, requests to other hosts, the
 * number of charts, and saves a screenshot per page to /tmp/drift-lab-<page>.png. `npx tsx scripts/site-check.ts [page ...]`
 */
import { foreignRequests, launchChromium, PAGES, recordedPage, serveDist } from "../test/browser/harness.js";

const pages = process.argv.slice(2).length ? process.argv.slice(2) : PAGES;
const { server, origin } = await serveDist();
const browser = await launchChromium();
try {
  for (const name of pages) {
    const { page, errors, requests } = await recordedPage(browser);
    const started = performance.now();
    await page.goto(`${origin}/${name === "index" ? "" : name + ".html"}`, { waitUntil: "networkidle" });
    if (name === "playground") await page.waitForSelector('#status[data-status="done"]', { timeout: 20000 }).catch(() => {});
    await page.waitForTimeout(300);
    const svgs = await page.locator("#observablehq-main svg[aria-label]").count();
    const status = name === "playground" ? await page.locator("#status").innerText().catch(() => "") : "";
    await page.screenshot({ path: `/tmp/drift-lab-${name}.png`, fullPage: true });
    const foreign = foreignRequests(requests, origin);
    console.log(`${name}: ${svgs} charts, ${errors.length} errors, ${foreign.length} foreign requests, ${((performance.now() - started) / 1000).toFixed(1)} s ${status.replace(/\s+/g, " ")}`);
    for (const e of [...errors, ...foreign]) console.log(`  ${e}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

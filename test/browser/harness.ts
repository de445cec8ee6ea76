/**
 * What the browser tests share: a static server for dist/ on 127.0.0.1, Debian's Chromium through playwright-core
 * (never a downloaded browser), and a page wrapper that records console errors and every request.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DIST = join(ROOT, "dist");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const PAGES = ["index", "mechanism", "weights", "stability", "tradeoffs", "policies", "playground", "language", "real-data", "source-articles", "notebook"];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Builds the site with `npm run build` when dist/ has no index.html (or when forced). */
export function ensureBuilt(force = false): void {
  if (!force && existsSync(join(DIST, "index.html"))) return;
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm run build failed with exit code ${result.status}`);
}

/** A plain static file server for a built site (dist/): files as they are, and index.html for a directory (nothing else mapped). */
export async function serveDist(dist = DIST): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    if (path.endsWith("/")) path += "index.html";
    const file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH; browser tests never download a browser`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export interface Recorded {
  page: Page;
  errors: string[];
  requests: string[];
}

/** A new page that records console errors, uncaught exceptions, failed requests and every requested URL. */
export async function recordedPage(browser: Browser, width = 1200, height = 900): Promise<Recorded> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`exception: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("request", (r) => requests.push(r.url()));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, errors, requests };
}

/** Requests to anything but the local server (data: and blob: URLs stay in the page). */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:"));
}

/**
 * For a test file: builds the site if needed, serves dist/ and starts Chromium before its tests, and stops both
 * after. Read `browser` and `origin` inside tests (they are set once beforeAll has run).
 */
export function siteUnderTest(): { browser: Browser; origin: string } {
  const site = {} as { browser: Browser; origin: string; server?: Server };
  beforeAll(async () => {
    ensureBuilt();
    const served = await serveDist();
    site.server = served.server;
    site.origin = served.origin;
    site.browser = await launchChromium();
  }, 20 * 60_000);
  afterAll(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}

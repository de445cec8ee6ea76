import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ML_LATEST_SMALL, MOVIELENS_CITATION, MOVIELENS_LICENSE } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { checkHash, DataError, resolveDataDir, verifyDirectory } from "../movielens.js";
import { unzip } from "../unzip.js";

export const DATA_HELP = `drift-lab data fetch movielens [--dest DIR] [--zip FILE] [--url URL] | data verify movielens [--data DIR]

fetch: downloads MovieLens ml-latest-small from ${ML_LATEST_SMALL.host} (--url: another address of the same zip; or
installs a zip you downloaded, --zip), checks the SHA-256 of every file, unzips into DIR (default
./data/${ML_LATEST_SMALL.name}) and prints the citation and license terms. verify: checks the SHA-256 of the files already in DIR.
Commands that need the data take --data DIR (default ./data/${ML_LATEST_SMALL.name} if present).`;

/** Per action: fetch takes --dest, --zip and --url, verify takes --data (Flags.done refuses the others). */
export const DATA_FLAGS: FlagSpec = { dest: "string", zip: "string", url: "string", data: "string" };

export async function dataCommand(flags: Flags): Promise<void> {
  const [action, dataset, ...extra] = flags.positionals;
  if ((action !== "fetch" && action !== "verify") || dataset !== "movielens" || extra.length) {
    throw new UsageError(`data: expected 'data fetch movielens' or 'data verify movielens' (datasets: movielens)`);
  }
  if (action === "verify") {
    const dir = resolveDataDir(flags.string("data"));
    flags.done();
    const checked = verifyDirectory(dir);
    process.stdout.write(`${dir}: ${checked.length} files match the SHA-256 of ${ML_LATEST_SMALL.name} (${checked.join(", ")})\n`);
    return;
  }
  await fetchMovielens(flags);
}

/**
 * `data fetch movielens`: download (or read --zip), check every file against `expected` (the release's SHA-256;
 * tests inject their own for a synthetic archive), install, and print the citation and the terms.
 */
export async function fetchMovielens(flags: Flags, expected: Record<string, string> = ML_LATEST_SMALL.sha256): Promise<void> {
  const dest = resolve(flags.string("dest") ?? join("data", ML_LATEST_SMALL.name));
  const zipFile = flags.string("zip");
  const url = flags.string("url") ?? ML_LATEST_SMALL.url;
  flags.done();
  const zip = zipFile ? readZip(zipFile) : await download(url, dest);
  const written = await installZip(zip, dest, expected);
  process.stdout.write(`${ML_LATEST_SMALL.name}: ${written.length} files checked (SHA-256) and written to ${dest}\n\n`);
  process.stdout.write(`Please cite: ${MOVIELENS_CITATION}\n\n${MOVIELENS_LICENSE}\n`);
}

function readZip(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch {
    throw new UsageError(`--zip: cannot read '${path}'`);
  }
}

async function download(url: string, dest: string): Promise<Uint8Array> {
  const host = new URL(url).host;
  const byHand = `download ${url} in a browser, then run 'drift-lab data fetch movielens --zip ml-latest-small.zip' (or unzip it so that ${join(dest, "ratings.csv")} exists)`;
  let response: Response;
  try {
    process.stderr.write(`downloading ${url}\n`);
    response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new DataError(`cannot reach ${host} (${cause?.code ?? cause?.message ?? (e as Error).message}); ${byHand}`);
  }
  if (!response.ok) throw new DataError(`${url}: HTTP ${response.status}; ${byHand}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Checks every expected file of the archive against its SHA-256 before writing any of them, then writes them
 * into `dest` (each through a temporary file). Returns the names written.
 */
export async function installZip(zip: Uint8Array, dest: string, expected: Record<string, string> = ML_LATEST_SMALL.sha256): Promise<string[]> {
  const names = Object.keys(expected);
  const matches = (entry: string, name: string) => entry === name || entry.endsWith(`/${name}`);
  const { entries, contents } = await unzip(zip, (e) => names.some((name) => matches(e.name, name)));
  const files = Object.entries(expected).map(([name, hash]) => {
    const entry = entries.find((e) => matches(e.name, name));
    if (!entry) throw new DataError(`zip: no ${name} in the archive (found: ${entries.map((e) => e.name).join(", ")})`);
    const content = contents.get(entry.name)!;
    checkHash(entry.name, content, hash);
    return { name, content };
  });
  mkdirSync(dest, { recursive: true });
  for (const { name, content } of files) {
    const tmp = join(dest, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, content);
    renameSync(tmp, join(dest, name));
  }
  return files.map((f) => f.name);
}

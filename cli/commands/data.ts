import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ML_LATEST_SMALL, MOVIELENS_CITATION, MOVIELENS_LICENSE } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { checkHash, DataError, resolveDataDir, verifyDirectory } from "../movielens.js";
import { io, ioError } from "../io-error.js";
import { StagedDirectory, writeAtomic } from "../output.js";
import { unzip } from "../unzip.js";

/** The largest archive fetch reads: the release is about 1 MB. */
const MAX_ZIP_BYTES = 64 << 20;

export const DATA_HELP = `drift-lab data fetch movielens [--dest DIR] [--zip FILE] [--url URL] [--force] | data verify movielens [--data DIR]

fetch: downloads MovieLens ml-latest-small from ${ML_LATEST_SMALL.host} (--url: another address of the same zip; or
installs a zip you downloaded, --zip), checks the SHA-256 of every file, unzips into DIR (default
./data/${ML_LATEST_SMALL.name}) and prints the citation and license terms. The files are written beside DIR and renamed
into place together. A DIR that already holds the verified release is left as it is; a DIR holding anything else is
refused unless --force, which replaces it (only when it holds nothing but the release's files). Downloads and zip
files larger than ${MAX_ZIP_BYTES >> 20} MiB are refused. verify: checks the SHA-256 of the files already in DIR.
Commands that need the data take --data DIR (default ./data/${ML_LATEST_SMALL.name} if present).`;

/** Per action: fetch takes --dest, --zip, --url and --force, verify takes --data (Flags.done refuses the others). */
export const DATA_FLAGS: FlagSpec = { dest: "string", zip: "string", url: "string", force: "boolean", data: "string" };


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
  const force = flags.bool("force");
  flags.done();
  if (zipFile === undefined) checkUrl(url);
  if (!force && alreadyThere(dest, expected)) {
    process.stdout.write(`${ML_LATEST_SMALL.name}: already in ${dest}, every file matching its SHA-256; nothing to do\n\n`);
  } else {
    const staged = StagedDirectory.open(dest, { force, flag: "--dest" });
    try {
      const zip = zipFile ? readZip(zipFile) : await download(url, dest);
      const written = await installZip(zip, staged, expected);
      staged.commit();
      process.stdout.write(`${ML_LATEST_SMALL.name}: ${written.length} files checked (SHA-256) and written to ${dest}\n\n`);
    } finally {
      staged.discard();
    }
  }
  process.stdout.write(`Please cite: ${MOVIELENS_CITATION}\n\n${MOVIELENS_LICENSE}\n`);
}

/** An http(s) address, refused in one line otherwise. */
function checkUrl(url: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // refused below
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) throw new UsageError(`--url: expected an http(s) address such as ${ML_LATEST_SMALL.url}, got '${url}'`);
}

/** DIR holds the release already, every file verified. */
function alreadyThere(dest: string, expected: Record<string, string>): boolean {
  try {
    verifyDirectory(dest, expected);
    return true;
  } catch {
    return false;
  }
}

function readZip(path: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw ioError(e, "read --zip", path);
  }
  if (size > MAX_ZIP_BYTES) throw new UsageError(`--zip: '${path}' has ${size} bytes, more than the ${MAX_ZIP_BYTES} an archive of ${ML_LATEST_SMALL.name} may have`);
  return io("read --zip", path, () => readFileSync(path));
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
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > MAX_ZIP_BYTES) throw new DataError(`${url}: offers ${declared} bytes, more than the ${MAX_ZIP_BYTES} an archive of ${ML_LATEST_SMALL.name} may have`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > MAX_ZIP_BYTES) throw new DataError(`${url}: sent more than the ${MAX_ZIP_BYTES} bytes an archive of ${ML_LATEST_SMALL.name} may have; stopped`);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`${url}: the download broke off after ${size} bytes (${(e as Error).message}); ${byHand}`);
  }
  return Buffer.concat(chunks);
}

/**
 * Checks every expected file of the archive against its SHA-256 before writing any of them, then writes them into
 * the staged directory, which the caller commits (or into a directory, as it is). Returns the names written.
 */
export async function installZip(zip: Uint8Array, dest: StagedDirectory | string, expected: Record<string, string> = ML_LATEST_SMALL.sha256): Promise<string[]> {
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
  for (const { name, content } of files) {
    if (typeof dest === "string") writeAtomic(join(dest, name), content);
    else dest.write(name, content);
  }
  return files.map((f) => f.name);
}

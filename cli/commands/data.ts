import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ML_LATEST_SMALL, MOVIELENS_CITATION, MOVIELENS_LICENSE, MOVIELENS_RELEASES, type MovieLensRelease } from "../../lib/index.js";
import { Flags, UsageError, type FlagSpec } from "../args.js";
import { checkHash, DataError, resolveDataDir, verifyDirectory } from "../movielens.js";
import { io, ioError } from "../io-error.js";
import { StagedDirectory, writeAtomic } from "../output.js";
import { unzip } from "../unzip.js";

/** The largest archive fetch reads: ml-latest-small is about 1 MB, ml-1m 6 MB, ml-10m 63 MB. */
const MAX_ZIP_BYTES = 128 << 20;

/** ml-10m's ratings.dat is about 265 MB: a release's largest entry, above unzip's default limit. */
const MAX_RELEASE_ENTRY_BYTES = 512 << 20;

export const DATA_HELP = `drift-lab data fetch movielens [--release NAME] [--dest DIR] [--zip FILE] [--url URL] [--force] | data verify movielens [--data DIR]

fetch: downloads a MovieLens release from ${ML_LATEST_SMALL.host} (--url: another address of the same zip; or
installs a zip you downloaded, --zip), checks it, unzips into DIR (default ./data/NAME) and prints the citation and
license terms. Releases (--release, default ${ML_LATEST_SMALL.name}):
${Object.values(MOVIELENS_RELEASES).map((r) => `  ${r.name.padEnd(16)} ${r.ratings}; ${r.sha256 ? "SHA-256 of every file" : "MD5 of the zip, as GroupLens publishes it"}`).join("\n")}
The files are written beside DIR and renamed into place together. A DIR that already holds the verified release is
left as it is; a DIR holding anything else is refused unless --force, which replaces it (only when it holds nothing
but the release's files). Downloads and zip files larger than ${MAX_ZIP_BYTES >> 20} MiB are refused. verify: checks the SHA-256 of
the ml-latest-small files already in DIR. Commands that need the data take --data DIR (default
./data/${ML_LATEST_SMALL.name} if present; any release's directory).`;

/** Per action: fetch takes --release, --dest, --zip, --url and --force, verify takes --data (Flags.done refuses the others). */
export const DATA_FLAGS: FlagSpec = { release: "string", dest: "string", zip: "string", url: "string", force: "boolean", data: "string" };

/** The release named by --release (default ml-latest-small), or one line naming the allowed ones. */
export function releaseOf(name: string | undefined): MovieLensRelease {
  const key = name ?? ML_LATEST_SMALL.name;
  if (!Object.hasOwn(MOVIELENS_RELEASES, key)) throw new UsageError(`--release: unknown release '${name}' (allowed: ${Object.keys(MOVIELENS_RELEASES).join(", ")})`);
  return MOVIELENS_RELEASES[key];
}

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
 * `data fetch movielens`: download (or read --zip), check it (each file's SHA-256, or the zip's published MD5),
 * install, and print the citation and the terms. `checks` replaces the release's checksums (tests inject their
 * own for a synthetic archive): a record of per-file SHA-256, or `{ zipMd5 }`.
 */
export async function fetchMovielens(flags: Flags, checks?: Record<string, string>): Promise<void> {
  const base = releaseOf(flags.string("release"));
  const release: MovieLensRelease = !checks ? base : checks.zipMd5 ? { ...base, zipMd5: checks.zipMd5 } : { ...base, sha256: checks, files: Object.keys(checks) };
  const dest = resolve(flags.string("dest") ?? join("data", release.name));
  const zipFile = flags.string("zip");
  const url = flags.string("url") ?? release.url;
  const force = flags.bool("force");
  flags.done();
  if (zipFile === undefined) checkUrl(url);
  if (!force && release.sha256 && alreadyThere(dest, release.sha256)) {
    process.stdout.write(`${release.name}: already in ${dest}, every file matching its SHA-256; nothing to do\n\n`);
  } else {
    const staged = StagedDirectory.open(dest, { force, flag: "--dest" });
    try {
      const zip = zipFile ? readZip(zipFile, release) : await download(url, dest, release);
      let written: string[];
      if (release.sha256) written = await installZip(zip, staged, release.sha256);
      else {
        const md5 = createHash("md5").update(zip).digest("hex");
        if (md5 !== release.zipMd5) throw new DataError(`${zipFile ?? url}: MD5 mismatch (expected ${release.zipMd5}, got ${md5}); the file is damaged or not the official ${release.name}.zip`);
        written = await installZip(zip, staged, Object.fromEntries(release.files.map((f) => [f, ""])));
      }
      staged.commit();
      const how = release.sha256 ? "files checked (SHA-256)" : "files from a zip whose MD5 matches GroupLens's";
      process.stdout.write(`${release.name}: ${written.length} ${how} and written to ${dest}\n\n`);
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

function readZip(path: string, release: MovieLensRelease): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw ioError(e, "read --zip", path);
  }
  if (size > MAX_ZIP_BYTES) throw new UsageError(`--zip: '${path}' has ${size} bytes, more than the ${MAX_ZIP_BYTES} an archive of ${release.name} may have`);
  return io("read --zip", path, () => readFileSync(path));
}

async function download(url: string, dest: string, release: MovieLensRelease): Promise<Uint8Array> {
  const host = new URL(url).host;
  const flag = release.name === ML_LATEST_SMALL.name ? "" : ` --release ${release.name}`;
  const byHand = `download ${url} in a browser, then run 'drift-lab data fetch movielens${flag} --zip ${release.name}.zip' (or unzip it so that ${join(dest, release.files[0])} exists)`;
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
  if (declared > MAX_ZIP_BYTES) throw new DataError(`${url}: offers ${declared} bytes, more than the ${MAX_ZIP_BYTES} an archive of ${release.name} may have`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > MAX_ZIP_BYTES) throw new DataError(`${url}: sent more than the ${MAX_ZIP_BYTES} bytes an archive of ${release.name} may have; stopped`);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`${url}: the download broke off after ${size} bytes (${(e as Error).message}); ${byHand}`);
  }
  return Buffer.concat(chunks);
}

/**
 * Checks every expected file of the archive against its SHA-256 (an empty hash: the file must be there, the zip
 * was checked as a whole) before writing any of them, then writes them into the staged directory, which the caller
 * commits (or into a directory, as it is). Returns the names written.
 */
export async function installZip(zip: Uint8Array, dest: StagedDirectory | string, expected: Record<string, string> = ML_LATEST_SMALL.sha256): Promise<string[]> {
  const names = Object.keys(expected);
  const matches = (entry: string, name: string) => entry === name || entry.endsWith(`/${name}`);
  const { entries, contents } = await unzip(zip, (e) => names.some((name) => matches(e.name, name)), MAX_RELEASE_ENTRY_BYTES);
  const files = Object.entries(expected).map(([name, hash]) => {
    const entry = entries.find((e) => matches(e.name, name));
    if (!entry) throw new DataError(`zip: no ${name} in the archive (found: ${entries.map((e) => e.name).join(", ")})`);
    const content = contents.get(entry.name)!;
    if (hash) checkHash(entry.name, content, hash);
    return { name, content };
  });
  for (const { name, content } of files) {
    if (typeof dest === "string") writeAtomic(join(dest, name), content);
    else dest.write(name, content);
  }
  return files.map((f) => f.name);
}

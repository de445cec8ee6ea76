import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { constants, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Flags, parseArgs } from "../cli/args.js";
import { DATA_FLAGS, fetchMovielens, installZip } from "../cli/commands/data.js";
import { DataError, readMovieLens, sha256, verifyDirectory } from "../cli/movielens.js";
import { crc32, unzip, ZipError } from "../cli/unzip.js";
import { ML_LATEST_SMALL, MOVIELENS_RELEASES } from "../lib/data/sources.js";
import { cli, ROOT, tempDir } from "./support/cli.js";
import { makeZip } from "./support/zip.js";

const SMALL = join(ROOT, "../shared/data/ml-latest-small");
const text = (s: string) => new TextEncoder().encode(s);

describe("unzip", () => {
  const ratings = text("userId,movieId,rating,timestamp\r\n".repeat(50));
  const zip = makeZip([
    { name: "ml-latest-small/", content: new Uint8Array(0) },
    { name: "ml-latest-small/ratings.csv", content: ratings, deflate: true },
    { name: "ml-latest-small/README.txt", content: text("terms\n") },
  ]);

  const all = () => true;
  const error = (p: Promise<unknown>) => p.then(() => null, (e: Error) => e);

  it("lists the central directory and extracts stored and deflated entries", async () => {
    const { entries, contents } = await unzip(zip, all);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ["ml-latest-small/", 0, 0],
      ["ml-latest-small/ratings.csv", 8, ratings.length],
      ["ml-latest-small/README.txt", 0, 6],
    ]);
    expect(entries[1].compressedSize).toBeLessThan(ratings.length);
    expect(Buffer.from(contents.get("ml-latest-small/ratings.csv")!)).toEqual(Buffer.from(ratings));
    expect(new TextDecoder().decode(contents.get("ml-latest-small/README.txt"))).toBe("terms\n");
    expect((await unzip(zip, (e) => e.name.endsWith("README.txt"))).contents.size).toBe(1);
  });

  it("checks CRC-32 (the standard check value) and rejects damaged data and non-zips", async () => {
    expect(crc32(text("123456789"))).toBe(0xcbf43926);
    const damaged = zip.slice();
    const readme = (await unzip(zip, () => false)).entries[2];
    damaged[readme.localOffset + 30 + "ml-latest-small/README.txt".length] ^= 1;
    expect((await error(unzip(damaged, all)))?.message).toMatch(/README\.txt: CRC-32 mismatch/);
    expect(await error(unzip(text("not a zip at all, just some text that is long enough"), all))).toBeInstanceOf(ZipError);
  });

  it("refuses entry names with '..' or an absolute path", async () => {
    for (const name of ["../evil.csv", "/etc/evil.csv"]) {
      const e = await error(unzip(makeZip([{ name, content: text("x") }]), all));
      expect(e).toBeInstanceOf(ZipError);
      expect(e?.message).toMatch(/^zip: invalid relative path|^zip: absolute path/);
    }
  });

  /**
   * A zip bomb: 1 GiB of zeros in a 1 MB archive. The deflate stream is 1024 copies of one 1 MiB block flushed
   * to a byte boundary (Z_SYNC_FLUSH), then an empty final block, so it is made without inflating anything.
   */
  function bomb(declared: number): Uint8Array {
    const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_SYNC_FLUSH });
    const data = Buffer.concat([...Array.from({ length: 1024 }, () => block), Buffer.from([0x03, 0x00])]);
    return makeZip([{ name: "ml-latest-small/ratings.csv", content: new Uint8Array(0), data, size: declared }]);
  }

  it("refuses a zip bomb before it allocates: by its declared size, or at the first bytes past it", async () => {
    const before = process.memoryUsage().rss;
    const honest = bomb(2 ** 30);
    expect(honest.length).toBeLessThan(2 << 20);
    expect((await error(unzip(honest, all)))?.message).toBe(`zip: ml-latest-small/ratings.csv: declares ${2 ** 30} bytes, more than the ${256 << 20} this command unzips`);
    const lying = bomb(1000);
    expect((await error(unzip(lying, all)))?.message).toBe("zip: ml-latest-small/ratings.csv: inflates past its declared 1000 bytes (a damaged archive or a zip bomb)");
    // Inflating either would take 1 GiB; the process grew by far less (the archives themselves are 1 MB each).
    expect(process.memoryUsage().rss - before).toBeLessThan(128 << 20);
    const dest = tempDir("ml-bomb");
    expect(await error(installZip(lying, dest, { "ratings.csv": "0".repeat(64) }))).toBeInstanceOf(ZipError);
    expect(readdirSync(dest)).toEqual([]);
  });

  it("installs only when every file matches its SHA-256, naming the file and both hashes otherwise", async () => {
    const readme = text("terms\n");
    const expected = { "ratings.csv": sha256(ratings), "README.txt": sha256(readme) };
    const dest = tempDir("ml-install");
    expect(await installZip(zip, dest, expected)).toEqual(["ratings.csv", "README.txt"]);
    expect(readFileSync(join(dest, "ratings.csv"))).toEqual(Buffer.from(ratings));

    const wrong = "0".repeat(64);
    const empty = tempDir("ml-install-bad");
    const refused = await error(installZip(zip, empty, { "ratings.csv": sha256(ratings), "README.txt": wrong }));
    expect(refused).toBeInstanceOf(DataError);
    expect(refused?.message).toBe(
      `ml-latest-small/README.txt: SHA-256 mismatch (expected ${wrong}, got ${sha256(readme)}); the file is damaged or not the official release`,
    );
    expect(readdirSync(empty)).toEqual([]);
  });
});

describe("checksums of ml-latest-small", () => {
  it("a file with the wrong content is named with the expected and the actual SHA-256", () => {
    const dir = tempDir("ml-sha");
    const content = "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n";
    writeFileSync(join(dir, "ratings.csv"), content);
    const actual = sha256(text(content));
    expect(() => verifyDirectory(dir, { "ratings.csv": ML_LATEST_SMALL.sha256["ratings.csv"] })).toThrow(
      `${join(dir, "ratings.csv")}: SHA-256 mismatch (expected aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646, got ${actual})`,
    );
  });

  it.skipIf(!existsSync(SMALL))("the shared copy matches every documented hash", () => {
    expect(verifyDirectory(SMALL)).toEqual(["ratings.csv", "movies.csv", "tags.csv", "links.csv", "README.txt"]);
  });
});

describe("drift-lab data fetch movielens", () => {
  it("without a reachable host: one line saying so and how to place the files by hand, exit 2", async () => {
    const dest = tempDir("ml-offline");
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));
    const url = `http://127.0.0.1:${port}/ml-latest-small.zip`;
    const r = await cli(["data", "fetch", "movielens", "--dest", dest, "--url", url]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split("\n").filter((l) => l && !l.startsWith("downloading"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `drift-lab: cannot reach 127.0.0.1:${port} (ECONNREFUSED); download ${url} in a browser, then run ` +
        `'drift-lab data fetch movielens --zip ml-latest-small.zip' (or unzip it so that ${join(dest, "ratings.csv")} exists)`,
    );
    expect(readdirSync(dest)).toEqual([]);
  });

  it("--release names its zip in the offline line; an unknown release is one line naming the allowed ones", async () => {
    const dest = tempDir("ml-offline-1m");
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));
    const url = `http://127.0.0.1:${port}/ml-1m.zip`;
    const r = await cli(["data", "fetch", "movielens", "--release", "ml-1m", "--dest", dest, "--url", url]);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n").filter((l) => l && !l.startsWith("downloading"))).toEqual([
      `drift-lab: cannot reach 127.0.0.1:${port} (ECONNREFUSED); download ${url} in a browser, then run ` +
        `'drift-lab data fetch movielens --release ml-1m --zip ml-1m.zip' (or unzip it so that ${join(dest, "ratings.dat")} exists)`,
    ]);
    const bad = await cli(["data", "fetch", "movielens", "--release", "ml-100k"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("drift-lab: --release: unknown release 'ml-100k' (allowed: ml-latest-small, ml-1m, ml-10m)");
  });

  it("installs an ml-1m or ml-10m zip (--zip) only when its MD5 matches, then reads it as a release", async () => {
    const files: Record<string, Record<string, string>> = {
      "ml-1m": {
        "ratings.dat": "1::2::5::978300760\n1::1::3::978302109\n2::1::4::978298413\n",
        "movies.dat": "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure|Children's|Fantasy\n",
        "users.dat": "1::F::1::10::48067\n2::M::56::16::70072\n",
        README: "Synthetic stand-in for the ml-1m README.\n",
      },
      "ml-10m": {
        "ratings.dat": "1::122::5::838985046\n1::1::3.5::838983525\n",
        "movies.dat": "1::Toy Story (1995)::Adventure|Animation\n122::Boomerang (1992)::Comedy|Romance\n",
        "tags.dat": "15::1::pixar::1138537770\n",
        "README.html": "<p>Synthetic stand-in.</p>\n",
      },
    };
    const folder: Record<string, string> = { "ml-1m": "ml-1m", "ml-10m": "ml-10M100K" };
    for (const [release, contents] of Object.entries(files)) {
      const zip = makeZip(Object.entries(contents).map(([name, content]) => ({ name: `${folder[release]}/${name}`, content: text(content), deflate: true })));
      const zipFile = join(tempDir(`${release}-zip`), `${release}.zip`);
      writeFileSync(zipFile, zip);
      const md5 = createHash("md5").update(zip).digest("hex");
      const dest = tempDir(`${release}-dest`);
      const args = (d: string) => new Flags(parseArgs(["--release", release, "--zip", zipFile, "--dest", d], DATA_FLAGS, "data"), "data");
      const refused = tempDir(`${release}-refused`);
      await expect(fetchMovielens(args(refused))).rejects.toThrow(`${zipFile}: MD5 mismatch (expected ${MOVIELENS_RELEASES[release].zipMd5}, got ${md5}); the file is damaged or not the official ${release}.zip`);
      expect(readdirSync(refused)).toEqual([]);
      const write = process.stdout.write;
      const written: string[] = [];
      process.stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stdout.write;
      try {
        await fetchMovielens(args(dest), { zipMd5: md5 });
      } finally {
        process.stdout.write = write;
      }
      expect(written.join("")).toContain(`${release}: 4 files from a zip whose MD5 matches GroupLens's and written to ${dest}`);
      expect(readdirSync(dest).sort()).toEqual(Object.keys(contents).sort());
      const data = await readMovieLens(dest);
      expect(data.format).toBe("dat");
      expect(data.ratings.count).toBe(contents["ratings.dat"].trim().split("\n").length);
    }
  });

  it("rejects an unknown dataset or action", async () => {
    const r = await cli(["data", "fetch", "netflix"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected 'data fetch movielens' or 'data verify movielens'/);
  });

  it("downloads a synthetic release (checksums injected), checks it, unzips it and prints the citation and the terms", async () => {
    // the repository's tiny MovieLens fixture plus a links.csv and README.txt: the release's five files, its layout
    const fixture = join(ROOT, "test/fixtures/movielens-tiny");
    const contents: Record<string, Uint8Array> = {
      "ratings.csv": readFileSync(join(fixture, "ratings.csv")),
      "movies.csv": readFileSync(join(fixture, "movies.csv")),
      "tags.csv": readFileSync(join(fixture, "tags.csv")),
      "links.csv": text("movieId,imdbId,tmdbId\n1,0114709,862\n"),
      "README.txt": text("Synthetic stand-in for the ml-latest-small README.\n"),
    };
    const expected = Object.fromEntries(Object.entries(contents).map(([name, content]) => [name, sha256(content)]));
    const zip = makeZip([
      { name: "ml-latest-small/", content: new Uint8Array(0) },
      ...Object.entries(contents).map(([name, content]) => ({ name: `ml-latest-small/${name}`, content, deflate: name.endsWith(".csv") })),
    ]);
    const server = createServer((_, res) => res.end(Buffer.from(zip)));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const written: string[] = [];
    const write = process.stdout.write;
    const errors = process.stderr.write;
    try {
      const { port } = server.address() as AddressInfo;
      const dest = tempDir("ml-fetch-synthetic");
      process.stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stdout.write;
      process.stderr.write = (() => true) as typeof process.stderr.write;
      await fetchMovielens(new Flags(parseArgs(["--dest", dest, "--url", `http://127.0.0.1:${port}/ml-latest-small.zip`], DATA_FLAGS, "data"), "data"), expected);
      process.stdout.write = write;
      const stdout = written.join("");
      expect(stdout).toContain(`ml-latest-small: 5 files checked (SHA-256) and written to ${dest}`);
      expect(stdout).toContain("Harper and Joseph A. Konstan. 2015");
      expect(stdout).toContain("doi.org/10.1145/2827872");
      expect(stdout).toMatch(/no commercial or revenue-bearing use/);
      expect(readdirSync(dest).sort()).toEqual(["README.txt", "links.csv", "movies.csv", "ratings.csv", "tags.csv"]);
      expect(readFileSync(join(dest, "ratings.csv"))).toEqual(Buffer.from(contents["ratings.csv"]));
      expect(verifyDirectory(dest, expected)).toEqual(Object.keys(expected));
      // the same archive against the release's own checksums is refused before anything is written
      const other = tempDir("ml-fetch-refused");
      await expect(fetchMovielens(new Flags(parseArgs(["--dest", other, "--url", `http://127.0.0.1:${port}/ml-latest-small.zip`], DATA_FLAGS, "data"), "data"))).rejects.toThrow(/SHA-256 mismatch/);
      expect(readdirSync(other)).toEqual([]);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errors;
      server.close();
    }
  });

  it.skipIf(!existsSync(SMALL))("downloads a zip of the real release, checks it, unzips it and prints the citation and the terms", async () => {
    const files = Object.keys(ML_LATEST_SMALL.sha256).map((name) => ({ name: `ml-latest-small/${name}`, content: readFileSync(join(SMALL, name)), deflate: true }));
    const zip = makeZip(files);
    const server = createServer((_, res) => res.end(Buffer.from(zip)));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const { port } = server.address() as AddressInfo;
      const dest = tempDir("ml-fetch");
      const r = await cli(["data", "fetch", "movielens", "--dest", dest, "--url", `http://127.0.0.1:${port}/ml-latest-small.zip`]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`ml-latest-small: 5 files checked (SHA-256) and written to ${dest}`);
      expect(r.stdout).toContain("Harper and Joseph A. Konstan. 2015");
      expect(r.stdout).toContain("doi.org/10.1145/2827872");
      expect(r.stdout).toMatch(/no commercial or revenue-bearing use/);
      expect(readdirSync(dest).sort()).toEqual(["README.txt", "links.csv", "movies.csv", "ratings.csv", "tags.csv"]);
      const verify = await cli(["data", "verify", "movielens", "--data", dest]);
      expect(verify.code).toBe(0);
      expect(verify.stdout).toContain("5 files match the SHA-256 of ml-latest-small");
    } finally {
      server.close();
    }
  });
});

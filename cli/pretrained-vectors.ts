import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PRETRAINED_PACKAGE, REFERENCE_WORDS, vocabularyTexts, wordsOf, type PretrainedVectors } from "../lib/index.js";
import { cacheRoot, readVectorPair, writeVectorPair } from "./embedding-cache.js";
import { loadVocabulary } from "./files.js";

/** The package is missing or damaged (openEncoder turns this into one line naming the remedy and the fallback). */
export class PretrainedUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PretrainedUnavailableError";
  }
}

export interface PackageFile {
  path: string;
  version: string;
}

/** Where the installed package's vectors are, or a PretrainedUnavailableError. */
export function locatePackage(): PackageFile {
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve(`${PRETRAINED_PACKAGE}/package.json`);
  } catch {
    throw new PretrainedUnavailableError(`the npm package ${PRETRAINED_PACKAGE} is not installed`);
  }
  const { version, main } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string; main: string };
  const path = join(dirname(manifest), main);
  if (!existsSync(path)) throw new PretrainedUnavailableError(`${PRETRAINED_PACKAGE}@${version} has no ${main}; reinstall it (npm ci)`);
  return { path, version };
}

type Header = Omit<PretrainedVectors, "vectors">;

/**
 * The pretrained vectors of `words` (the words the table lacks are left out) and of the table's REFERENCE_WORDS
 * most frequent words: read from `<root>/pretrained/<key>.json` + `.f32` when made before (key: the package
 * version, REFERENCE_WORDS and the sorted words), else scanned once from the package's JSON and written there.
 * The full table is never parsed nor held in memory.
 */
export async function loadPretrainedSubset(words: string[], root = cacheRoot()): Promise<{ table: PretrainedVectors; scanned: boolean; seconds: number }> {
  const pkg = locatePackage();
  const wanted = [...new Set(words)].sort();
  const key = createHash("sha256").update(`${PRETRAINED_PACKAGE}@${pkg.version}\nreference ${REFERENCE_WORDS}\n${wanted.join("\n")}`).digest("hex").slice(0, 20);
  const dir = join(root, "pretrained");
  const cached = readVectorPair<Header>(dir, key, (h) => h.words.length * h.dim);
  if (cached) return { table: { ...cached.header, vectors: cached.vectors }, scanned: false, seconds: 0 };
  const started = performance.now();
  const table = await scanTable(pkg, new Set(wanted));
  const { vectors, ...rest } = table;
  writeVectorPair(dir, key, rest satisfies Header, vectors, "the pretrained subset");
  return { table, scanned: true, seconds: (performance.now() - started) / 1000 };
}

const VECTORS_KEY = Buffer.from('"vectors":{');
const ENTRY_OPEN = Buffer.from('":[');

/**
 * One streaming pass over the package's JSON: {"dimensions":100,"size":341479,"words":[...],
 * "vectors":{"<word>":[v1..v100, l2 norm, word index],...},...}. Entries are cut out byte-wise; only the
 * wanted ones are parsed. The word index is the word's position in `words`, which is in frequency order.
 */
export async function scanTable(pkg: PackageFile, wanted: Set<string>, chunkBytes = 1 << 22): Promise<PretrainedVectors> {
  let head = "";
  let dim = 0;
  let size = 0;
  let inVectors = false;
  let carry: Buffer = Buffer.alloc(0);
  const found = new Map<string, number[]>();
  for await (const chunk of createReadStream(pkg.path, { highWaterMark: chunkBytes })) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let at = 0;
    if (!inVectors) {
      const v = buf.indexOf(VECTORS_KEY);
      if (v < 0) {
        if (head.length < 200) head += buf.toString("utf8", 0, Math.min(buf.length, 200));
        carry = buf.subarray(Math.max(0, buf.length - VECTORS_KEY.length));
        continue;
      }
      if (head.length < 200) head += buf.toString("utf8", 0, Math.min(v, 200));
      dim = Number(/"dimensions":(\d+)/.exec(head)?.[1] ?? 0);
      size = Number(/"size":(\d+)/.exec(head)?.[1] ?? 0);
      inVectors = true;
      at = v + VECTORS_KEY.length;
    }
    for (;;) {
      if (buf[at] === 0x2c) at++; // ,
      if (buf[at] === 0x7d) return finish(pkg, dim, size, found); // } closes the vectors object
      const open = buf.indexOf(ENTRY_OPEN, at + 1);
      const close = open < 0 ? -1 : buf.indexOf(0x5d, open); // ]
      if (close < 0) break;
      const word = JSON.parse(buf.toString("utf8", at, open + 1)) as string;
      const index = Number(buf.toString("latin1", buf.lastIndexOf(0x2c, close) + 1, close));
      if (wanted.has(word) || (index < REFERENCE_WORDS && /^[a-z0-9]+$/.test(word))) {
        found.set(word, JSON.parse(buf.toString("latin1", open + 2, close + 1)) as number[]);
      }
      at = close + 1;
    }
    carry = buf.subarray(at);
  }
  if (!inVectors) throw new PretrainedUnavailableError(`${pkg.path}: no "vectors" table; reinstall ${PRETRAINED_PACKAGE} (npm ci)`);
  return finish(pkg, dim, size, found);
}

function finish(pkg: PackageFile, dim: number, size: number, found: Map<string, number[]>): PretrainedVectors {
  if (!(dim > 0 && size > 0)) throw new PretrainedUnavailableError(`${pkg.path}: no dimensions or size in the header; reinstall ${PRETRAINED_PACKAGE} (npm ci)`);
  const words = [...found.keys()].sort();
  const vectors = new Float32Array(words.length * dim);
  const ranks = words.map((w, i) => {
    const row = found.get(w)!;
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = row[j];
    return row[dim + 1];
  });
  return { source: `${PRETRAINED_PACKAGE}@${pkg.version}`, dim, size, words, ranks, vectors };
}

/** The vectors of every word the shipped vocabulary (data/topics.json, all its topics) can write: what a synthetic world needs. */
export function vocabularySubset(root = cacheRoot()): Promise<{ table: PretrainedVectors; scanned: boolean; seconds: number }> {
  return loadPretrainedSubset(wordsOf(vocabularyTexts(loadVocabulary())), root);
}

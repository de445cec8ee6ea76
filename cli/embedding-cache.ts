import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Encoder } from "../lib/index.js";
import { UsageError } from "./args.js";
import { makeDirectory } from "./directories.js";
import { ROOT } from "./files.js";
import { writeAtomic } from "./output.js";
import { cleanStale } from "./temporary.js";

/**
 * The lab's cache folder: $DRIFT_LAB_CACHE, else .cache/ in the project, else, when the project cannot be written
 * (a read-only install), drift-lab/ in the user's cache directory ($XDG_CACHE_HOME, default ~/.cache).
 */
export function cacheRoot(): string {
  return chooseCacheRoot(process.env, ROOT, writable);
}

/** cacheRoot's choice, given the environment, the project directory and a test of writability. */
export function chooseCacheRoot(env: NodeJS.ProcessEnv, project: string, canWrite: (dir: string) => boolean): string {
  if (env.DRIFT_LAB_CACHE) return env.DRIFT_LAB_CACHE;
  const inProject = join(project, ".cache");
  if (canWrite(existsSync(inProject) ? inProject : project)) return inProject;
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "drift-lab");
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 20);
}

/** A name safe as one path segment. */
export function pathSegment(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}

interface ShardIndex {
  version: 1;
  kind: string;
  model: string;
  dim: number;
  /** Text hashes, one per row of the shard's .f32 file. */
  texts: string[];
}

/**
 * Text embeddings on disk, keyed by encoder kind, model and text hash:
 * `<root>/embeddings/<kind>/<model>/<shard>.f32` (rows × dim little-endian float32) beside `<shard>.json`
 * (the text hash of each row). Every store writes a new shard through a temporary file and a rename, the index
 * last, so concurrent runs never see a partial shard and never overwrite each other.
 */
export class EmbeddingCache {
  readonly dir: string;
  private rows: Map<string, { shard: string; row: number }> | null = null;
  private readonly shards = new Map<string, Float32Array>();

  constructor(
    readonly kind: string,
    readonly model: string,
    readonly dim: number,
    root = cacheRoot(),
  ) {
    this.dir = join(root, "embeddings", pathSegment(kind), pathSegment(model));
  }

  /** Cached vectors of the texts (zero rows where missing) and the indices of the texts not cached. */
  lookup(texts: string[]): { vectors: Float32Array; missing: number[] } {
    const rows = this.index();
    const vectors = new Float32Array(texts.length * this.dim);
    const missing: number[] = [];
    texts.forEach((text, i) => {
      const at = rows.get(textHash(text));
      if (!at) return missing.push(i);
      const shard = this.shard(at.shard);
      vectors.set(shard.subarray(at.row * this.dim, (at.row + 1) * this.dim), i * this.dim);
    });
    return { vectors, missing };
  }

  /**
   * Stores vectors as a new shard. The cache only saves time: when it cannot be written (a full disk, a read-only
   * directory) the command says so in one line and goes on, leaving no partial file.
   */
  store(texts: string[], vectors: Float32Array, log: (line: string) => void = warn): void {
    if (texts.length === 0) return;
    if (vectors.length !== texts.length * this.dim) throw new Error(`embedding cache: ${vectors.length} values for ${texts.length} texts × ${this.dim}`);
    const hashes = texts.map(textHash);
    const name = createHash("sha256").update(hashes.join("\n")).digest("hex").slice(0, 16);
    const index: ShardIndex = { version: 1, kind: this.kind, model: this.model, dim: this.dim, texts: hashes };
    try {
      makeDirectory(this.dir, "cache");
      cleanStale(this.dir);
      writeThrough(join(this.dir, `${name}.f32`), new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
      writeThrough(join(this.dir, `${name}.json`), JSON.stringify(index));
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      log(`${e.message}; continuing without caching these vectors`);
    }
    const rows = this.index();
    hashes.forEach((h, row) => rows.set(h, { shard: name, row }));
    this.shards.set(name, vectors.slice());
  }

  private index(): Map<string, { shard: string; row: number }> {
    if (this.rows) return this.rows;
    this.rows = new Map();
    if (!existsSync(this.dir)) return this.rows;
    for (const file of readdirSync(this.dir).filter((f) => f.endsWith(".json")).sort()) {
      let index: ShardIndex;
      try {
        index = JSON.parse(readFileSync(join(this.dir, file), "utf8")) as ShardIndex;
      } catch {
        continue; // a damaged shard is recomputed, not fatal
      }
      if (index.version !== 1 || index.dim !== this.dim || !Array.isArray(index.texts)) continue;
      const shard = file.slice(0, -5);
      if (sizeOf(join(this.dir, `${shard}.f32`)) !== index.texts.length * this.dim * 4) continue; // vectors missing or cut short
      index.texts.forEach((h, row) => this.rows!.set(h, { shard, row }));
    }
    return this.rows;
  }

  private shard(name: string): Float32Array {
    let v = this.shards.get(name);
    if (!v) {
      const bytes = readFileSync(join(this.dir, `${name}.f32`));
      v = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      this.shards.set(name, v);
    }
    return v;
  }
}

/** Vectors of the texts: cached ones read from disk, the rest encoded once (deduplicated) and stored. */
export async function encodeCached(encoder: Encoder, texts: string[], root = cacheRoot()) {
  const cache = new EmbeddingCache(encoder.kind, encoder.model, encoder.dim, root);
  const { vectors, missing } = cache.lookup(texts);
  const unique = [...new Set(missing.map((i) => texts[i]))];
  if (unique.length > 0) {
    const fresh = await encoder.encode(unique);
    cache.store(unique, fresh);
    const row = new Map(unique.map((t, r) => [t, r]));
    for (const i of missing) vectors.set(fresh.subarray(row.get(texts[i])! * encoder.dim, (row.get(texts[i])! + 1) * encoder.dim), i * encoder.dim);
  }
  return { vectors, encoded: unique.length, cached: texts.length - missing.length };
}

/** A cache file, through a temporary file and a rename (concurrent runs never see a partial file); errors in one line. */
export function writeThrough(path: string, content: string | Uint8Array): void {
  writeAtomic(path, content);
}

/**
 * A model kept as `<dir>/<key>.json` (its header) beside `<key>.f32` (its float32 vectors): the pair when both are
 * there and the vectors have the length the header implies, else undefined (made again).
 */
export function readVectorPair<H>(dir: string, key: string, length: (header: H) => number): { header: H; vectors: Float32Array } | undefined {
  const header = join(dir, `${key}.json`);
  const data = join(dir, `${key}.f32`);
  if (!existsSync(header) || !existsSync(data)) return undefined;
  const h = JSON.parse(readFileSync(header, "utf8")) as H;
  const bytes = readFileSync(data);
  const vectors = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return vectors.length === length(h) ? { header: h, vectors } : undefined;
}

/**
 * Stores the pair readVectorPair reads, the header last. The cache only saves time: a pair that cannot be stored (a
 * full disk, a read-only folder) is one line on stderr, and the model is made again next time.
 */
export function writeVectorPair(dir: string, key: string, header: object, vectors: Float32Array, what: string): void {
  try {
    makeDirectory(dir, "cache");
    writeThrough(join(dir, `${key}.f32`), new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
    writeThrough(join(dir, `${key}.json`), JSON.stringify(header));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    warn(`${e.message}; continuing without caching ${what}`);
  }
}

const warn = (line: string) => process.stderr.write(`drift-lab: ${line}\n`);

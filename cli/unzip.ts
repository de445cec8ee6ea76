import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { UsageError } from "./args.js";

/**
 * Reading a zip archive (yauzl: it parses the central directory, refuses entry names with `..`, absolute paths
 * or backslashes, and stops inflating an entry as soon as it produces more bytes than its header declares).
 * The lab writes no entry by its own name: `data fetch` writes only the files it expects, by their expected names
 * (commands/data.ts), so nothing in an archive chooses a path, and a symlink entry is at most content checked by
 * its SHA-256.
 */

/** One file in a zip archive, from its central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A damaged, unsupported or hostile archive: one line, exit code 2. */
export class ZipError extends UsageError {
  constructor(message: string) {
    super(`zip: ${message}`);
    this.name = "ZipError";
  }
}

/** The largest entry extracted: ml-latest-small's largest file is 2.5 MB; a zip bomb may declare gigabytes. */
export const MAX_ENTRY_BYTES = 256 << 20;

export interface Unzipped {
  entries: ZipEntry[];
  /** The content of each entry `want` picked, by name: its size and CRC-32 checked. */
  contents: Map<string, Uint8Array>;
}

/**
 * The entries of a zip (stored or deflated; no encryption) and the content of those `want` picks. An entry that
 * declares more than `limit` bytes is refused before it is inflated, and inflation stops at the declared size.
 */
export function unzip(zip: Uint8Array, want: (entry: ZipEntry) => boolean, limit = MAX_ENTRY_BYTES): Promise<Unzipped> {
  return new Promise((done, fail) => {
    const refuse = (e: unknown) => fail(e instanceof ZipError ? e : new ZipError((e as Error).message));
    yauzl.fromBuffer(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength), { lazyEntries: true, validateEntrySizes: true }, (error, file) => {
      if (error || !file) return refuse(error ?? new Error("cannot open the archive"));
      const entries: ZipEntry[] = [];
      const contents = new Map<string, Uint8Array>();
      file.on("error", refuse);
      file.on("end", () => done({ entries, contents }));
      file.on("entry", (e: yauzl.Entry) => {
        const entry: ZipEntry = {
          name: e.fileName,
          method: e.compressionMethod,
          crc32: e.crc32,
          compressedSize: e.compressedSize,
          size: e.uncompressedSize,
          localOffset: e.relativeOffsetOfLocalHeader,
        };
        entries.push(entry);
        if (!want(entry)) return file.readEntry();
        if (e.isEncrypted()) return refuse(new ZipError(`${entry.name}: encrypted entries are not supported`));
        if (entry.method !== 0 && entry.method !== 8) {
          return refuse(new ZipError(`${entry.name}: compression method ${entry.method} is not supported (allowed: 0 stored, 8 deflate)`));
        }
        if (entry.size > limit) return refuse(new ZipError(`${entry.name}: declares ${entry.size} bytes, more than the ${limit} this command unzips`));
        file.openReadStream(e, (openError, stream) => {
          if (openError || !stream) return refuse(openError ?? new Error(`${entry.name}: cannot read`));
          read(stream, entry).then((content) => {
            contents.set(entry.name, content);
            file.readEntry();
          }, refuse);
        });
      });
      file.readEntry();
    });
  });
}

/** An entry's inflated bytes, refused at the first byte past its declared size, then checked against its CRC-32. */
function read(stream: Readable, entry: ZipEntry): Promise<Uint8Array> {
  return new Promise((done, fail) => {
    const out = new Uint8Array(entry.size);
    let at = 0;
    stream.on("data", (chunk: Buffer) => {
      if (at + chunk.length > entry.size) {
        stream.destroy();
        return fail(new ZipError(`${entry.name}: inflates past its declared ${entry.size} bytes (a damaged archive or a zip bomb)`));
      }
      out.set(chunk, at);
      at += chunk.length;
    });
    stream.on("error", (e: Error) => fail(new ZipError(`${entry.name}: ${/too many bytes/.test(e.message) ? `inflates past its declared ${entry.size} bytes (a damaged archive or a zip bomb)` : e.message}`)));
    stream.on("end", () => {
      if (at !== entry.size) return fail(new ZipError(`${entry.name}: expected ${entry.size} bytes, got ${at}`));
      if (crc32(out) !== entry.crc32) return fail(new ZipError(`${entry.name}: CRC-32 mismatch`));
      done(out);
    });
  });
}

let table: Uint32Array | null = null;

/** CRC-32 (IEEE), which yauzl leaves to its caller. */
export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

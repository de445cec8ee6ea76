import { isUtf8 } from "node:buffer";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { CsvError } from "../lib/index.js";
import { UsageError } from "./args.js";
import { ioError } from "./io-error.js";

/**
 * Reading the text files users give the lab (scenarios, CSV tables, texts to embed, MovieLens releases). UTF-8 is
 * strict: a byte sequence that is not UTF-8 is an error naming the file, line and column, where Node's decoder
 * would silently turn it into U+FFFD (so two distinct ids, `\xff1` and `\xfe1`, became one). A leading byte-order
 * mark is dropped. A missing file, a directory or an unreadable file is one line naming the path.
 */

/** The offset of the first byte that does not belong to well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    const b1 = bytes[i + 1];
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += n;
  }
  return -1;
}

function invalidAt(file: string, bytes: Uint8Array, offset: number, linesBefore: number): CsvError {
  let line = linesBefore + 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      start = i + 1;
    }
  }
  const hex = Array.from(bytes.subarray(offset, Math.min(offset + 4, bytes.length)), (b) => b.toString(16).padStart(2, "0")).join(" ");
  return new CsvError(file, line, `not UTF-8: bytes ${hex} at column ${offset - start + 1} (save the file as UTF-8)`);
}

function readBytes(path: string, flag?: string): Buffer {
  checkFile(path, flag);
  try {
    return readFileSync(path);
  } catch (e) {
    throw ioError(e, "read", path);
  }
}

/** A whole text file, strict UTF-8, without its byte-order mark. */
export function readText(path: string, flag?: string): string {
  const bytes = readBytes(path, flag);
  if (!isUtf8(bytes)) throw invalidAt(path, bytes, firstInvalidUtf8(bytes), 0);
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface LineOptions {
  /** latin1 for ml-1m's .dat files, which predate UTF-8; utf8 (strict) otherwise. */
  encoding?: "utf8" | "latin1";
  /**
   * The last line must end with a line break: the files of a data release end every line, so one that does not
   * was cut short (a copy or download that stopped), and its last record may look valid while it is not.
   */
  complete?: boolean;
}

/** The lines of a file, streamed (for large releases), without line breaks (LF or CRLF), decoded as `readText` does. */
export async function* readLines(path: string, options: LineOptions = {}): AsyncGenerator<string> {
  checkFile(path);
  const latin1 = options.encoding === "latin1";
  let carry = Buffer.alloc(0);
  let partial = "";
  let lines = 0;
  let first = true;
  const stream = createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let end = bytes.length;
      if (!latin1) {
        end = completeUtf8Prefix(bytes);
        carry = Buffer.from(bytes.subarray(end));
        bytes = bytes.subarray(0, end);
        if (!isUtf8(bytes)) throw invalidAt(path, bytes, firstInvalidUtf8(bytes), lines);
      }
      let text = partial + bytes.toString(latin1 ? "latin1" : "utf8");
      if (first && text.length) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      const parts = text.split("\n");
      partial = parts.pop()!;
      for (const part of parts) {
        lines++;
        yield part.endsWith("\r") ? part.slice(0, -1) : part;
      }
    }
  } catch (e) {
    throw ioError(e, "read", path);
  } finally {
    stream.destroy();
  }
  if (carry.length) throw invalidAt(path, carry, 0, lines);
  if (partial !== "") {
    if (options.complete) throw new CsvError(path, lines + 1, `the last line has no line break: the file looks cut short ('${partial.slice(0, 40)}')`);
    yield partial.endsWith("\r") ? partial.slice(0, -1) : partial;
  }
}

/** How many leading bytes end on a character boundary (a multi-byte character cut by the chunk's end is left out). */
function completeUtf8Prefix(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Refuses, in one line naming the path, a file that is missing or a directory. */
function checkFile(path: string, flag?: string): void {
  const prefix = flag ? `${flag}: ` : "";
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${prefix}'${path}' is a directory, not a file`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new UsageError(`${prefix}no such file '${path}'`);
    throw ioError(e, "read", path);
  }
}

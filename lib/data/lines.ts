/** Lines of a file, from whatever reads it: an array, a generator, or an async stream (Node's readline). */
export type LineSource = Iterable<string> | AsyncIterable<string>;

/** The lines of a whole text, LF or CRLF. */
export function* linesOf(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    yield text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
  }
}

/**
 * Calls `each(line, lineNumber)` for every non-blank line (1-based numbers, blank lines counted), stripping a
 * trailing CR. Sync sources are read without awaiting per line.
 */
export async function forEachLine(source: LineSource, each: (line: string, lineNumber: number) => void): Promise<void> {
  let n = 0;
  const visit = (raw: string) => {
    n++;
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (line.trim() !== "") each(line, n);
  };
  if (Symbol.iterator in source) for (const raw of source as Iterable<string>) visit(raw);
  else for await (const raw of source as AsyncIterable<string>) visit(raw);
}

/**
 * The pretrained word vectors the world's texts need (encoder.kind=pretrained in the browser): the subset that
 * cli/pretrained-vectors.ts keeps for the shipped vocabulary, vectors as base64 float32 (exact, so a page's run
 * matches drift-lab run). An empty table when the package is not installed (the pages then fall back to hashing).
 */
import { PretrainedUnavailableError, vocabularySubset } from "../../cli/pretrained-vectors.js";
import { loader, log } from "./lab.js";

loader(async () => {
  try {
    const { table } = await vocabularySubset();
    const { vectors, ...header } = table;
    log(`${table.words.length} words of ${table.source}`);
    return JSON.stringify({ ...header, vectors: Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength).toString("base64") });
  } catch (e) {
    if (!(e instanceof PretrainedUnavailableError)) throw e;
    log(`pretrained vectors unavailable: ${e.message}`);
    return JSON.stringify({ unavailable: e.message });
  }
});

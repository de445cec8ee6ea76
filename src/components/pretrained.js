/**
 * The pretrained-vectors table a data loader sent (src/data/pretrained-vectors.json.ts), decoded for lib's
 * createPretrainedEncoder, or null when the package was not installed at build time.
 */
export function pretrainedTable(json) {
  if (!json || json.unavailable) return null;
  const bytes = Uint8Array.from(atob(json.vectors), (c) => c.charCodeAt(0));
  return {...json, vectors: new Float32Array(bytes.buffer)};
}

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A .wasm file shipped in @tensorflow/tfjs-backend-wasm's dist/ folder. */
export function wasmBinary(name: string): Uint8Array {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve("@tensorflow/tfjs-backend-wasm"));
  return readFileSync(join(dist, name));
}

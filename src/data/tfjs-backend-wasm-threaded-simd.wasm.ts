/** The TensorFlow.js WASM binary, served with the site so the playground needs no CDN. */
import { wasmBinary } from "./wasm.js";
import { loader } from "./lab.js";

loader(() => wasmBinary("tfjs-backend-wasm-threaded-simd.wasm"));

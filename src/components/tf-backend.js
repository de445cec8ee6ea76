import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import {setWasmPaths} from "../vendor/tfjs-backend-wasm.js";

/**
 * Starts TensorFlow.js on the WASM backend with .wasm files served by this site (no CDN), or on the CPU backend
 * if WASM cannot start. `files` maps tfjs-backend-wasm's file names to their URLs. Resolves to the backend name.
 */
export async function setupTensorFlow(files) {
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  setWasmPaths(files);
  try {
    if (await tf.setBackend("wasm")) {
      await tf.ready();
      return tf.getBackend();
    }
  } catch {
    // fall through to the CPU backend
  }
  await tf.setBackend("cpu");
  await tf.ready();
  return tf.getBackend();
}

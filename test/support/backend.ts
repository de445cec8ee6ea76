import { setupBackend } from "../../cli/backend.js";

/** Test files that use TensorFlow.js import this first: the same backend choice as the command line. */
export const backend = await setupBackend();

import { parentPort } from "node:worker_threads";
import { runRequest, type RunRequest } from "./task.js";

/** A sweep worker: runs one request per message and answers with its sweep.csv line and exchanges, or the error. */
parentPort!.on("message", async (request: RunRequest) => {
  try {
    parentPort!.postMessage({ id: request.id, ...(await runRequest(request)) });
  } catch (e) {
    const error = e as Error;
    parentPort!.postMessage({ id: request.id, error: { name: error.name, message: error.message, stack: error.stack } });
  }
});

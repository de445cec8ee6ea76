/**
 * Runs whole simulations in a Web Worker (sim-worker.js) so that the page stays responsive: `notify` gets
 * {runs: Map(key → run), errors: Map(key → message), pending, done} after each finished run. Returns a function
 * that stops the worker (a changed control starts a new set of jobs). `workerUrl` is
 * import.meta.resolve("./components/sim-worker.js") from the page, so that Framework builds the worker's module.
 */
export function backgroundRuns(workerUrl, jobs, {wasm, vocabulary, pretrained = null}, notify) {
  const runs = new Map();
  const errors = new Map();
  const state = () => ({runs, errors, pending: jobs.length - runs.size - errors.size, done: runs.size + errors.size === jobs.length});
  notify(state());
  if (jobs.length === 0) return () => {};
  const worker = new Worker(workerUrl, {type: "module"});
  worker.onmessage = ({data}) => {
    if (data.type === "run") runs.set(data.key, data.run);
    else if (data.type === "error") errors.set(data.key, data.message);
    else return;
    notify(state());
  };
  worker.onerror = (e) => {
    for (const job of jobs) if (!runs.has(job.key)) errors.set(job.key, e.message || "the worker failed");
    notify(state());
  };
  worker.postMessage({wasm, vocabulary, pretrained, jobs});
  return () => worker.terminate();
}

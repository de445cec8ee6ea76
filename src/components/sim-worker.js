import {validateVocabulary} from "../lib/index.js";
import {browserSimulation} from "./engine.js";
import {setupTensorFlow} from "./tf-backend.js";

/**
 * A Web Worker that plays whole runs off the page's thread (background-runs.js starts it): the compare view's
 * baseline, pinned run, small multiples and bands. The same lib/ and the same TensorFlow.js backend as the page, so
 * a run here equals the page's run, and `drift-lab run`'s, on the same settings.
 * In: {wasm, vocabulary, pretrained (the word vectors, or null), jobs: [{key, config}]}. Out, per job: {type: "run", key, run} or {type: "error", key, message};
 * then {type: "done"}.
 */
let backend = null;

function compact(record) {
  return {round: record.round, active: record.active, metrics: record.metrics, weights: Array.from(record.weights)};
}

self.onmessage = async ({data}) => {
  backend ??= setupTensorFlow(data.wasm);
  await backend;
  for (const {key, config} of data.jobs) {
    let simulation = null;
    try {
      simulation = browserSimulation(config, validateVocabulary(data.vocabulary, config.world.topics), {pretrained: data.pretrained});
      const records = [];
      while (!simulation.done) records.push(compact(simulation.step()));
      self.postMessage({type: "run", key, run: {config, components: simulation.names, records}});
    } catch (e) {
      self.postMessage({type: "error", key, message: e instanceof Error ? e.message : String(e)});
    } finally {
      simulation?.dispose();
    }
  }
  self.postMessage({type: "done"});
};

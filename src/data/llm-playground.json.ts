/**
 * The transcript the playground's llm policy replays: the playground's default run with policy.kind=llm, its calls
 * answered over HTTP by scripts/chat-server.ts, a scripted stand-in for a model (weights ∝ exp(10·credit)). A
 * plumbing demonstration (prompt, HTTP, JSON answer, blend, transcript, replay in the browser), not a model's
 * choices. The run is the one the page makes: same scenario, same text model (pretrained from the same word vectors
 * when the package is installed, else hashing, the Simulation's default).
 */
import { createHttpBackend } from "../../cli/llm/http-backend.js";
import { setupBackend } from "../../cli/backend.js";
import { loadEmbeddings } from "../../cli/embeddings.js";
import { locatePackage } from "../../cli/pretrained-vectors.js";
import { llmOptions, resolveScenario, runScenarioAsync, TranscriptClient, type Exchange } from "../../lib/index.js";
import { creditFollowingAnswer, startChatServer } from "../../scripts/chat-server.js";
import { PLAYGROUND_DEFAULTS, playgroundEncoders, playgroundScenario } from "../components/playground-scenario.js";
import { loader, log, vocabulary } from "./lab.js";

/** Whether the pretrained vectors' package is installed (as src/data/pretrained-vectors.json.ts finds it). */
function hasPretrained(): boolean {
  try {
    locatePackage();
    return true;
  } catch {
    return false;
  }
}

loader(async () => {
  await setupBackend();
  const controls = { ...PLAYGROUND_DEFAULTS, policy: "llm", encoder: playgroundEncoders(hasPretrained())[0] };
  const config = resolveScenario(playgroundScenario(controls));
  const v = vocabulary(config.world.topics);
  const embeddings = await loadEmbeddings(config, v, { log });
  const server = await startChatServer((body) => ({ kind: "answer", text: creditFollowingAnswer(body) }));
  const exchanges: Exchange[] = [];
  try {
    const o = llmOptions(config.policy.options);
    const live = createHttpBackend({ ...o, url: server.url });
    const client = new TranscriptClient({ live, onExchange: (e) => exchanges.push(e) });
    await runScenarioAsync(config, v, { llm: client, embeddings });
  } finally {
    await server.close();
  }
  log(`llm-playground: ${exchanges.length} calls recorded`);
  return JSON.stringify({ label: "scripted demo (weights ∝ exp(10·credit)), not a language model", controls, exchanges });
});

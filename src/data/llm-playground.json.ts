/**
 * The transcript the playground's llm policy replays: the playground's default run with policy.kind=llm, its calls
 * answered over HTTP by scripts/chat-server.ts, a scripted stand-in for a model (weights ∝ exp(10·credit)). A
 * plumbing demonstration (prompt, HTTP, JSON answer, blend, transcript, replay in the browser), not a model's
 * choices. The run is the one the page makes: same scenario, same text model (the Simulation's default).
 */
import { createHttpBackend } from "../../cli/llm/http-backend.js";
import { setupBackend } from "../../cli/backend.js";
import { llmOptions, resolveScenario, runScenarioAsync, TranscriptClient, type Exchange } from "../../lib/index.js";
import { creditFollowingAnswer, startChatServer } from "../../scripts/chat-server.js";
import { PLAYGROUND_DEFAULTS, playgroundScenario } from "../components/playground-scenario.js";
import { loader, log, vocabulary } from "./lab.js";

loader(async () => {
  await setupBackend();
  const controls = { ...PLAYGROUND_DEFAULTS, policyKind: "llm" };
  const config = resolveScenario(playgroundScenario(controls));
  const v = vocabulary(config.world.topics);
  const server = await startChatServer((body) => ({ kind: "answer", text: creditFollowingAnswer(body) }));
  const exchanges: Exchange[] = [];
  try {
    const o = llmOptions(config.policy.options);
    const live = createHttpBackend({ ...o, url: server.url });
    const client = new TranscriptClient({ live, onExchange: (e) => exchanges.push(e) });
    await runScenarioAsync(config, v, { llm: client });
  } finally {
    await server.close();
  }
  log(`llm-playground: ${exchanges.length} calls recorded`);
  return JSON.stringify({ label: "scripted demo (weights ∝ exp(10·credit)), not a language model", controls, exchanges });
});

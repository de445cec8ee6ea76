import type { LlmClient } from "../../lib/llm/client.js";
import type { LlmRequest } from "../../lib/llm/exchange.js";
import { creditFollowingAnswer } from "../../scripts/chat-server.js";

/** A synchronous client that answers as the scripted chat server does (weights ∝ exp(10·credit)); counts its calls. */
export function scriptedLlm(): LlmClient & { calls: LlmRequest[] } {
  const calls: LlmRequest[] = [];
  return {
    calls,
    complete(request) {
      calls.push(request);
      const text = creditFollowingAnswer({ model: request.model, messages: request.messages, response_format: { type: "json_schema", json_schema: { schema: request.schema as never } } });
      return { text, promptTokens: 0, completionTokens: 0, latencyMs: 0, attempts: 1 };
    },
  };
}

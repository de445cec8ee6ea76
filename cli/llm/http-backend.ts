import type { LlmClient, LlmOptions, LlmReply, LlmRequest, TransportFailure } from "../../lib/index.js";

export interface HttpBackendOptions {
  url: string;
  model: string;
  /** The API key's value (read from the environment by the caller), or undefined for none. Sent, never written. */
  apiKey?: string;
  timeoutSeconds: number;
  retries: number;
  backoffSeconds: number;
  responseFormat: LlmOptions["responseFormat"];
}

type Failure = { kind: TransportFailure; detail: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function responseFormat(format: LlmOptions["responseFormat"], schema: object): object | undefined {
  if (format === "json_schema") return { type: "json_schema", json_schema: { name: "blend_weights", strict: true, schema } };
  if (format === "json_object") return { type: "json_object" };
  return undefined;
}

/** Status codes worth another attempt: the server was busy or broke, not the request. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * An OpenAI-compatible chat-completions endpoint (Ollama, llama.cpp's server, vLLM, hosted APIs). Each attempt is
 * abandoned after `timeoutSeconds` (the body included). A timeout, a network error, 408, 429 or a 5xx is tried
 * again up to `retries` times, waiting `backoffSeconds`, then twice that, and so on. Another 4xx, a body that is
 * not JSON or has no `choices[0].message.content` ends the call at once. A call that brings no text is a failure
 * (the policy's fallback), never an exception. Tokens come from the reply's `usage` (0 when absent).
 */
export function createHttpBackend(o: HttpBackendOptions): LlmClient {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (o.apiKey) headers.authorization = `Bearer ${o.apiKey}`;

  async function attempt(request: LlmRequest): Promise<{ text: string; promptTokens: number; completionTokens: number } | { failure: Failure; retry: boolean }> {
    const body = JSON.stringify({
      model: o.model,
      messages: request.messages,
      temperature: request.settings.temperature,
      max_tokens: request.settings.maxTokens,
      seed: request.settings.seed,
      response_format: responseFormat(o.responseFormat, request.schema),
      stream: false,
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), o.timeoutSeconds * 1000);
    let status: number;
    let text: string;
    try {
      const response = await fetch(o.url, { method: "POST", headers, body, signal: controller.signal });
      status = response.status;
      text = await response.text();
    } catch (e) {
      if (controller.signal.aborted) return { failure: { kind: "timeout", detail: `no complete reply within ${o.timeoutSeconds} s` }, retry: true };
      const cause = (e as { cause?: { code?: string } }).cause;
      return { failure: { kind: "network", detail: cause?.code ?? (e as Error).name }, retry: true };
    } finally {
      clearTimeout(timer);
    }
    if (status < 200 || status >= 300) return { failure: { kind: "http", detail: `HTTP ${status}` }, retry: retryable(status) };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { failure: { kind: "malformed", detail: "the body is not JSON" }, retry: false };
    }
    const reply = json as { choices?: { message?: { content?: unknown } }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
    const content = reply?.choices?.[0]?.message?.content;
    if (typeof content !== "string") return { failure: { kind: "malformed", detail: "no choices[0].message.content" }, retry: false };
    const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 0);
    return { text: content, promptTokens: count(reply.usage?.prompt_tokens), completionTokens: count(reply.usage?.completion_tokens) };
  }

  return {
    async complete(request: LlmRequest): Promise<LlmReply> {
      const started = performance.now();
      let failure: Failure = { kind: "network", detail: "no attempt" };
      let attempts = 0;
      for (let a = 0; a <= o.retries; a++) {
        if (a > 0) await sleep(o.backoffSeconds * 1000 * 2 ** (a - 1));
        attempts++;
        const result = await attempt(request);
        if ("text" in result) return { ...result, latencyMs: Math.round(performance.now() - started), attempts };
        failure = result.failure;
        if (!result.retry) break;
      }
      return { text: null, error: failure, promptTokens: 0, completionTokens: 0, latencyMs: Math.round(performance.now() - started), attempts };
    },
  };
}

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** What changes a model's answer besides the prompt. */
export interface LlmSettings {
  temperature: number;
  maxTokens: number;
  seed: number;
}

/** One call: the messages, the settings, and the JSON schema the answer must follow. */
export interface LlmRequest {
  /** The round after which the call is made (the weights serve the rounds after it). */
  round: number;
  /** Backend and model (options.ts `modelId`). */
  model: string;
  messages: ChatMessage[];
  settings: LlmSettings;
  schema: object;
}

/** Why a call brought no answer: the transport's side of the fallbacks. */
export type TransportFailure = "timeout" | "http" | "network" | "malformed" | "engine";

export interface LlmReply {
  /** The model's text, or null when the call failed. */
  text: string | null;
  /** When `text` is null: the failure, and a short detail (an HTTP status, what was malformed). */
  error?: { kind: TransportFailure; detail: string };
  promptTokens: number;
  completionTokens: number;
  /** Wall-clock time of the call including retries (timing: differs between live runs, replayed as recorded). */
  latencyMs: number;
  attempts: number;
}

/** One line of a transcript. */
export interface Exchange {
  key: string;
  round: number;
  model: string;
  messages: ChatMessage[];
  settings: LlmSettings;
  reply: LlmReply;
}

/** JSON with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The exchange's key: SHA-256 of the model, the messages, the settings and the answer's schema. Anything that
 * can change the answer changes the key, so a changed prompt is a miss; the round is not part of it (the
 * prompt already names its rounds), nor are transport settings (URL, timeouts, threads).
 */
export function exchangeKey(request: LlmRequest): string {
  const text = canonicalJson({ model: request.model, messages: request.messages, settings: request.settings, schema: request.schema });
  return bytesToHex(sha256(utf8ToBytes(text)));
}

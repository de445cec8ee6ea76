import { ConfigError } from "../config/error.js";
import type { Exchange } from "./exchange.js";

/**
 * Transcripts are JSON Lines, one exchange per line in call order: `key` (exchange.ts), `round`, `model`,
 * `messages`, `settings`, `reply` (text or error, tokens, latency, attempts). A file may hold the exchanges of
 * many runs (a sweep's): lookups go by key.
 */
export function formatExchange(e: Exchange): string {
  return JSON.stringify({ key: e.key, round: e.round, model: e.model, messages: e.messages, settings: e.settings, reply: e.reply }) + "\n";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses a transcript; a malformed line is a ConfigError naming the file and the line. The first exchange of a key wins. */
export function parseTranscript(text: string, source = "transcript"): Map<string, Exchange> {
  const out = new Map<string, Exchange>();
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch {
      throw new ConfigError(`${source}:${i + 1}: not a JSON line`);
    }
    const reply = isObject(e) ? e.reply : undefined;
    if (!isObject(e) || typeof e.key !== "string" || !/^[0-9a-f]{64}$/.test(e.key) || !isObject(reply) || !(typeof reply.text === "string" || reply.text === null)) {
      throw new ConfigError(`${source}:${i + 1}: expected an exchange with a 64-hex-digit key and a reply with text (a string or null)`);
    }
    if (!out.has(e.key)) out.set(e.key, e as unknown as Exchange);
  });
  return out;
}

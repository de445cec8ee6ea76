import { ConfigError } from "../config/error.js";
import { exchangeKey, type Exchange, type LlmReply, type LlmRequest } from "./exchange.js";

/** Answers calls: a backend (HTTP, in process), or a transcript. A replayed answer comes back at once. */
export interface LlmClient {
  complete(request: LlmRequest): LlmReply | Promise<LlmReply>;
}

export interface TranscriptClientOptions {
  /** Exchanges to answer from, by key. */
  recorded?: Map<string, Exchange>;
  /** The backend for calls not recorded; none: replay only, and a missing exchange stops the run. */
  live?: LlmClient;
  /** Where the transcript came from, for the message of a missing exchange. */
  source?: string;
  /** Sees every exchange of the run in call order, replayed ones as recorded (`replayed` true). */
  onExchange?: (exchange: Exchange, replayed: boolean) => void;
}

/**
 * Answers from a transcript when it holds the exchange (same key: same model, messages, settings and schema),
 * else from the live backend, recording what it says. With no live backend a miss is a ConfigError naming
 * the round.
 */
export class TranscriptClient implements LlmClient {
  private readonly recorded: Map<string, Exchange>;

  constructor(private readonly options: TranscriptClientOptions = {}) {
    this.recorded = new Map(options.recorded ?? []);
  }

  complete(request: LlmRequest): LlmReply | Promise<LlmReply> {
    const key = exchangeKey(request);
    const hit = this.recorded.get(key);
    if (hit) {
      this.options.onExchange?.(hit, true);
      return hit.reply;
    }
    const live = this.options.live;
    if (!live) {
      throw new ConfigError(
        `llm: no recorded exchange for the call after round ${request.round}${this.options.source ? ` in ${this.options.source}` : ""} (replay only; the prompt, model or settings differ from the recorded run)`,
      );
    }
    const record = (reply: LlmReply): LlmReply => {
      const exchange: Exchange = { key, round: request.round, model: request.model, messages: request.messages, settings: request.settings, reply };
      this.recorded.set(key, exchange);
      this.options.onExchange?.(exchange, false);
      return reply;
    };
    const reply = live.complete(request);
    return reply instanceof Promise ? reply.then(record) : record(reply);
  }
}

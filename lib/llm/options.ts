import { ConfigError } from "../config/error.js";
import { choice, defaults, integer, number, section, text, type ValueOf } from "../config/fields.js";
import { resolveOptions } from "../config/resolve.js";
import { RULES } from "../weighting/rules/index.js";

/** The options of `policy.kind=llm` (`policy.options.llm.*`). */
export const LLM_OPTIONS = section({
  backend: choice(["http", "llama"], "http", "`http`: an OpenAI-compatible chat-completions endpoint; `llama`: a GGUF file run in process by node-llama-cpp."),
  every: integer(10, [1, 1e6], "Rounds between calls (K): the model is asked after rounds K − 1, 2K − 1, … and its weights serve the next K."),
  between: choice(["hold", ...RULES], "hold", "Between calls: `hold` the model's weights, or follow an update rule (policy.alpha, beta, history) from them."),
  model: text("llama3.2", "http: the model's name as the server knows it."),
  url: text("http://127.0.0.1:11434/v1/chat/completions", "http: the chat-completions URL (Ollama's by default)."),
  apiKeyEnv: text("OPENAI_API_KEY", "http: the environment variable holding the API key, sent as a bearer token and never written anywhere (none when unset)."),
  gguf: text("", "llama: the GGUF file."),
  temperature: number(0, [0, 2], "Sampling temperature."),
  maxTokens: integer(400, [16, 32768], "Most tokens of one answer."),
  seed: integer(0, [0, 2 ** 31], "Sampling seed passed to the backend."),
  responseFormat: choice(["json_schema", "json_object", "none"], "json_schema", "http: how the answer's schema is asked for: `json_schema` (strict), `json_object`, or `none` (the prompt only)."),
  timeoutSeconds: number(60, [0.001, 3600], "http: seconds before an attempt is abandoned (the body included)."),
  retries: integer(2, [0, 10], "http: further attempts after a timeout, a network error, a 408, a 429 or a 5xx."),
  backoffSeconds: number(1, [0, 600], "http: the wait before the first retry, doubled before each next one."),
  threads: integer(0, [0, 256], "llama: CPU threads (0: node-llama-cpp's choice; on a busy machine 1 is much faster)."),
  contextSize: integer(4096, [512, 1 << 20], "llama: the context window in tokens."),
  topWords: integer(8, [0, 100], "Query words listed in the prompt, most frequent first."),
  examples: integer(2, [0, 20], "Reviews quoted verbatim in the prompt (the latest)."),
  reasonLength: integer(160, [0, 2000], "Longest `reason` asked for, in characters (0: weights only)."),
});

export type LlmOptions = ValueOf<typeof LLM_OPTIONS>;

export const DEFAULT_LLM_OPTIONS: LlmOptions = defaults(LLM_OPTIONS);

/** The checks the schema cannot make field by field: what each backend needs, and the shape of the text fields. */
export function checkLlmOptions(o: LlmOptions): void {
  if (o.backend === "llama" && o.gguf === "") throw new ConfigError("policy.options.llm.gguf: the llama backend needs a GGUF file (e.g. --set policy.options.llm.gguf=models/x.gguf)");
  if (o.backend === "http" && !/^https?:\/\/[^\s/]+/.test(o.url)) throw new ConfigError(`policy.options.llm.url: expected an http:// or https:// URL, got '${o.url}'`);
  if (o.backend === "http" && o.model === "") throw new ConfigError("policy.options.llm.model: the http backend needs the model's name");
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.apiKeyEnv)) throw new ConfigError(`policy.options.llm.apiKeyEnv: expected an environment variable name, got '${o.apiKeyEnv}'`);
}

/** `policy.options.llm` over the defaults; a bad value is a ConfigError naming the field. */
export function llmOptions(given: Record<string, Record<string, unknown>>): LlmOptions {
  const o = resolveOptions(LLM_OPTIONS, given.llm, "policy.options.llm");
  checkLlmOptions(o);
  return o;
}

/**
 * What identifies the model in an exchange's key: the backend and the model's name (for llama, the GGUF file's
 * name without its folder), so a transcript replays on a machine where the file lives elsewhere or not at all.
 */
export function modelId(o: LlmOptions): string {
  return o.backend === "llama" ? `llama:${o.gguf.split(/[\\/]/).pop()}` : `http:${o.model}`;
}

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { answerGrammar, answerShape, ConfigError, type LlmClient, type LlmReply, type LlmRequest } from "../../lib/index.js";
import { ROOT } from "../files.js";

/** The node-llama-cpp release the lab is tested with; `npm run llama:install` installs it. */
export const NODE_LLAMA_CPP_VERSION = "3.21.1";
/** Where `npm run llama:install` puts it: outside node_modules, so `npm ci` neither needs nor removes it. */
export const NODE_LLAMA_CPP_PREFIX = join(ROOT, ".cache", "node-llama-cpp");
export const LLAMA_INSTALL_COMMAND = "npm run llama:install";

/** The part of node-llama-cpp's API used here (the package is optional, so its types are not imported). */
interface Sequence {
  clearHistory(): Promise<void>;
  readonly tokenMeter: { usedInputTokens: number; usedOutputTokens: number };
}
interface NodeLlamaCpp {
  getLlama(o: { gpu: false; build: "never"; logLevel?: string; progressLogs?: boolean }): Promise<{
    loadModel(o: { modelPath: string; gpuLayers?: number }): Promise<{
      createContext(o: { contextSize: number; threads?: number }): Promise<{ getSequence(): Sequence; dispose(): Promise<void> }>;
      dispose(): Promise<void>;
    }>;
    createGrammar(o: { grammar: string }): Promise<unknown>;
    dispose(): Promise<void>;
  }>;
  LlamaChatSession: new (o: { contextSequence: Sequence; systemPrompt?: string; autoDisposeSequence?: boolean }) => {
    promptWithMeta(text: string, o: { grammar?: unknown; maxTokens: number; temperature: number; seed: number }): Promise<{ responseText: string; stopReason: string }>;
    dispose(o?: { disposeSequence?: boolean }): void;
  };
}

/** node-llama-cpp from the project's node_modules, else from the prefix `llama:install` uses; else one line naming the command. */
export async function loadNodeLlamaCpp(prefix = NODE_LLAMA_CPP_PREFIX): Promise<NodeLlamaCpp> {
  const name = "node-llama-cpp";
  try {
    return (await import(name)) as NodeLlamaCpp;
  } catch {
    const local = join(prefix, "node_modules", name, "dist", "index.js");
    if (existsSync(local)) return (await import(pathToFileURL(local).href)) as NodeLlamaCpp;
  }
  throw new ConfigError(`policy.options.llm.backend: 'llama' needs node-llama-cpp ${NODE_LLAMA_CPP_VERSION}, which is not installed (run: ${LLAMA_INSTALL_COMMAND})`);
}

export interface LlamaBackendOptions {
  gguf: string;
  threads: number;
  contextSize: number;
}

export interface LlamaBackend extends LlmClient {
  dispose(): Promise<void>;
}

/**
 * A GGUF model run in this process by llama.cpp (through node-llama-cpp, CPU only): one context, each call a
 * fresh chat (the model's own chat template, or node-llama-cpp's general one) with the system message, the
 * user message, and sampling constrained by the answer's GBNF grammar (answer-schema.ts), so the text is
 * always JSON of the schema's shape unless `maxTokens` cuts it short. Tokens are the context's counts.
 */
export async function createLlamaBackend(o: LlamaBackendOptions): Promise<LlamaBackend> {
  const path = resolve(o.gguf);
  if (!existsSync(path)) throw new ConfigError(`policy.options.llm.gguf: no file '${o.gguf}'`);
  const lib = await loadNodeLlamaCpp();
  let llama;
  try {
    llama = await lib.getLlama({ gpu: false, build: "never", logLevel: "error", progressLogs: false });
  } catch (e) {
    throw new ConfigError(`policy.options.llm.backend: node-llama-cpp could not load its prebuilt CPU binary (${(e as Error).message.split("\n")[0]}); reinstall with ${LLAMA_INSTALL_COMMAND}`);
  }
  let model;
  try {
    model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
  } catch (e) {
    throw new ConfigError(`policy.options.llm.gguf: llama.cpp cannot load '${o.gguf}' (${(e as Error).message.split("\n")[0]})`);
  }
  const context = await model.createContext({ contextSize: o.contextSize, ...(o.threads > 0 ? { threads: o.threads } : {}) });
  const sequence = context.getSequence();
  const grammars = new Map<string, unknown>();

  return {
    async complete(request: LlmRequest): Promise<LlmReply> {
      const started = performance.now();
      const { components, reasonLength } = answerShape(request.schema);
      const source = answerGrammar(components, reasonLength);
      const system = request.messages.filter((m) => m.role === "system").map((m) => m.content).join("\n\n");
      const user = request.messages.filter((m) => m.role !== "system").map((m) => m.content).join("\n\n");
      const before = { input: sequence.tokenMeter.usedInputTokens, output: sequence.tokenMeter.usedOutputTokens };
      try {
        if (!grammars.has(source)) grammars.set(source, await llama.createGrammar({ grammar: source }));
        await sequence.clearHistory();
        const session = new lib.LlamaChatSession({ contextSequence: sequence, systemPrompt: system, autoDisposeSequence: false });
        try {
          const { temperature, maxTokens, seed } = request.settings;
          const { responseText } = await session.promptWithMeta(user, { grammar: grammars.get(source), maxTokens, temperature, seed });
          return {
            text: responseText,
            promptTokens: sequence.tokenMeter.usedInputTokens - before.input,
            completionTokens: sequence.tokenMeter.usedOutputTokens - before.output,
            latencyMs: Math.round(performance.now() - started),
            attempts: 1,
          };
        } finally {
          session.dispose({ disposeSequence: false });
        }
      } catch (e) {
        const detail = (e as Error).message.split("\n")[0].slice(0, 200);
        return { text: null, error: { kind: "engine", detail }, promptTokens: 0, completionTokens: 0, latencyMs: Math.round(performance.now() - started), attempts: 1 };
      }
    },
    async dispose() {
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

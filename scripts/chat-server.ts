/**
 * A local server that speaks the chat-completions protocol (POST, OpenAI-compatible JSON) on 127.0.0.1 with
 * scripted behaviour: answers, error statuses, malformed bodies, slow or no replies. It is no language model:
 * the tests use it to drive the HTTP backend through every failure, and the pages' build uses its
 * credit-following script to make a transcript that demonstrates the plumbing.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type Behaviour =
  | { kind: "answer"; text: string; delayMs?: number }
  | { kind: "status"; status: number }
  | { kind: "malformed" }
  /** Sends the headers, then nothing until the client gives up (a reply too slow to finish). */
  | { kind: "stall" };

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  max_tokens?: number;
  seed?: number;
  response_format?: { type: string; json_schema?: { schema: { properties: { weights: { required: string[] } } } } };
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: ChatRequestBody;
}

export interface ChatServer {
  /** The chat-completions URL. */
  url: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts the server on a free port; `respond` decides each request (retries included) from its body. */
export async function startChatServer(respond: (body: ChatRequestBody, index: number) => Behaviour): Promise<ChatServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: ChatRequestBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        res.writeHead(400).end("bad json");
        return;
      }
      requests.push({ headers: req.headers, body });
      const b = respond(body, requests.length - 1);
      if (b.kind === "status") return void res.writeHead(b.status, { "content-type": "application/json" }).end(`{"error":{"message":"scripted ${b.status}"}}`);
      if (b.kind === "malformed") return void res.writeHead(200, { "content-type": "application/json" }).end("{ this is not json");
      if (b.kind === "stall") return void res.writeHead(200, { "content-type": "application/json" }).write('{"id":');
      const reply = {
        id: `scripted-${requests.length}`,
        object: "chat.completion",
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: b.text }, finish_reason: "stop" }],
        usage: { prompt_tokens: promptTokens(body), completion_tokens: Math.ceil(b.text.length / 4) },
      };
      const send = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      if (b.delayMs) setTimeout(send, b.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A stand-in token count: four characters a token, as for English under a typical BPE tokenizer. */
function promptTokens(body: ChatRequestBody): number {
  return Math.ceil(body.messages.reduce((n, m) => n + m.content.length, 0) / 4);
}

/** The components the request asks weights for (from its schema, else from the system message's list). */
export function requestedComponents(body: ChatRequestBody): string[] {
  const fromSchema = body.response_format?.json_schema?.schema.properties.weights.required;
  if (fromSchema) return fromSchema;
  const system = body.messages.find((m) => m.role === "system")?.content ?? "";
  return [...system.matchAll(/^- ([\w-]+): /gm)].map((m) => m[1]);
}

/**
 * The scripted controller: reads each component's credit from the prompt's table and answers weights
 * ∝ exp(10·credit), three decimals, as JSON. A deterministic rule in a chat server's clothes, not a model.
 */
export function creditFollowingAnswer(body: ChatRequestBody): string {
  const components = requestedComponents(body);
  const user = body.messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
  const credit = components.map((c) => {
    const row = user.split("\n").find((line) => line.startsWith(`${c} | `));
    const value = row ? Number(row.split(" | ")[2]) : 0;
    return Number.isFinite(value) ? value : 0;
  });
  const e = credit.map((c) => Math.exp(10 * c));
  const sum = e.reduce((s, v) => s + v, 0);
  const weights = Object.fromEntries(components.map((c, k) => [c, Number((e[k] / sum).toFixed(3))]));
  return JSON.stringify({ weights, reason: "scripted: weights follow exp(10 x credit)" });
}

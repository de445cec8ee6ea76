import { Worker } from "node:worker_threads";
import { ConfigError, CsvError, type Exchange } from "../../lib/index.js";
import { UsageError } from "../args.js";
import { runRequest, type RunReply, type RunRequest } from "./task.js";

type Reply = { id: number; line?: string; exchanges?: Exchange[]; error?: { name: string; message: string; stack?: string } };

function revive(error: NonNullable<Reply["error"]>): Error {
  const known: Record<string, new (message: string) => Error> = { ConfigError, UsageError };
  if (error.name === "CsvError") return new CsvError("input", 0, error.message);
  const e = new (known[error.name] ?? Error)(error.message);
  if (!known[error.name]) e.stack = error.stack;
  return e;
}

/**
 * Runs requests on `workers` worker threads (0: in this thread, one after another) and hands each finished line
 * (and its llm exchanges) to `onLine` in the order runs finish. The first failure stops every worker and rejects.
 */
export async function runPool(requests: RunRequest[], workers: number, onLine: (request: RunRequest, reply: RunReply) => void): Promise<void> {
  if (workers <= 0) {
    for (const r of requests) onLine(r, await runRequest(r));
    return;
  }
  const queue = requests.slice();
  const byId = new Map(requests.map((r) => [r.id, r]));
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const feed = (w: Worker) => {
        const next = queue.shift();
        if (!next) {
          if (running === 0) resolve();
          return;
        }
        running++;
        w.postMessage(next);
      };
      const count = Math.min(workers, requests.length);
      if (count === 0) return resolve();
      for (let j = 0; j < count; j++) {
        const w = new Worker(new URL("./worker-shim.js", import.meta.url));
        pool.push(w);
        w.on("message", (reply: Reply) => {
          if (failed) return;
          running--;
          if (reply.error) {
            failed = true;
            return reject(revive(reply.error));
          }
          try {
            onLine(byId.get(reply.id)!, { line: reply.line!, exchanges: reply.exchanges ?? [] });
          } catch (e) {
            failed = true;
            return reject(e);
          }
          feed(w);
        });
        w.on("error", (e) => {
          failed = true;
          reject(e);
        });
        w.on("exit", (code) => {
          if (!failed && code !== 0) {
            failed = true;
            reject(new Error(`sweep worker exited with code ${code}`));
          }
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

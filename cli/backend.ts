import * as tf from "@tensorflow/tfjs-core";
import { UsageError } from "./args.js";

/** Backends in order of preference: native TensorFlow when `@tensorflow/tfjs-node` is installed, then WASM, then plain JS. */
export const BACKENDS = ["tensorflow", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];

const PACKAGES: Record<BackendName, string> = {
  tensorflow: "@tensorflow/tfjs-node",
  wasm: "@tensorflow/tfjs-backend-wasm",
  cpu: "@tensorflow/tfjs-backend-cpu",
};

let chosen: Promise<string> | null = null;

/**
 * Picks the TensorFlow.js backend once per process and returns its name. `preferred` (or DRIFT_LAB_BACKEND) is
 * tried first; a backend whose package is missing or fails to start is skipped. The choice is logged to stderr
 * when DRIFT_LAB_VERBOSE is set. lib/ never calls this: entry points (CLI, tests, benches, pages) do.
 */
export function setupBackend(preferred: string | undefined = process.env.DRIFT_LAB_BACKEND): Promise<string> {
  if (preferred && !(BACKENDS as readonly string[]).includes(preferred)) {
    return Promise.reject(new UsageError(`DRIFT_LAB_BACKEND: unknown backend '${preferred}' (allowed: ${BACKENDS.join(", ")})`));
  }
  chosen ??= choose(preferred as BackendName | undefined);
  return chosen;
}

async function choose(preferred: BackendName | undefined): Promise<string> {
  const order = preferred ? [preferred, ...BACKENDS.filter((b) => b !== preferred)] : [...BACKENDS];
  for (const name of order) {
    if (await start(name)) {
      if (process.env.DRIFT_LAB_VERBOSE) process.stderr.write(`drift-lab: TensorFlow.js backend '${name}'\n`);
      return name;
    }
  }
  throw new Error(`no TensorFlow.js backend could start (tried: ${order.join(", ")})`);
}

async function start(name: BackendName): Promise<boolean> {
  const listeners = { uncaught: process.listeners("uncaughtException"), rejection: process.listeners("unhandledRejection") };
  try {
    const specifier = PACKAGES[name];
    await import(specifier);
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  } finally {
    dropNewListeners("uncaughtException", listeners.uncaught);
    dropNewListeners("unhandledRejection", listeners.rejection);
  }
}

/** The WASM module installs process-wide handlers that rethrow every error with its whole minified source. */
function dropNewListeners(event: "uncaughtException" | "unhandledRejection", before: Function[]): void {
  for (const listener of process.listeners(event)) {
    if (!before.includes(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
  }
}

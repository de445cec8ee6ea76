import { backend } from "./support/backend.js";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { BACKENDS, setupBackend } from "../cli/backend.js";
import { UsageError } from "../cli/args.js";

describe("setupBackend", () => {
  it("picks one backend per process, the one TensorFlow.js then runs on", async () => {
    expect(BACKENDS).toContain(backend);
    expect(tf.getBackend()).toBe(backend);
    expect(await setupBackend()).toBe(backend);
  });

  it("uses WASM when @tensorflow/tfjs-node is not installed", async () => {
    const nodeInstalled = await import("@tensorflow/tfjs-node" as string).then(
      () => true,
      () => false,
    );
    if (!nodeInstalled && !process.env.DRIFT_LAB_BACKEND) expect(backend).toBe("wasm");
  });

  it("rejects an unknown preference, naming the allowed backends", async () => {
    await expect(setupBackend("gpu")).rejects.toThrow(UsageError);
    await expect(setupBackend("gpu")).rejects.toThrow("DRIFT_LAB_BACKEND: unknown backend 'gpu' (allowed: tensorflow, wasm, cpu)");
  });

  it("leaves no process-wide error handler behind from the WASM module", () => {
    for (const event of ["uncaughtException", "unhandledRejection"] as const) {
      for (const listener of process.listeners(event)) expect(String(listener)).not.toMatch(/ExitStatus|throw reason/);
    }
  });
});

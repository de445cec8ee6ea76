import { describe, expect, it } from "vitest";
import { loadNodeLlamaCpp } from "../cli/llm/llama-backend.js";
import { cliInProcess, tempDir } from "./support/cli.js";

const run = (...sets: string[]) =>
  cliInProcess(["run", "--scenario", "baseline", "--rounds", "5", "--set", "world.users=30", "--set", "world.items=50", "--set", "policy.kind=llm", ...sets.flatMap((s) => ["--set", s]), "--out", tempDir("llm-config")]);

describe("policy.kind=llm: every bad setting exits with code 2 and one line naming the field", () => {
  it.each([
    ["policy.options.llm.backend=gpt", "policy.options.llm.backend: unknown value 'gpt' (allowed: http, llama)"],
    ["policy.options.llm.every=0", "policy.options.llm.every: 0 is out of range (allowed: 1 to 1000000)"],
    ["policy.options.llm.every=2.5", "policy.options.llm.every: expected an integer (allowed: 1 to 1000000), got 2.5"],
    ["policy.options.llm.between=wobble", "policy.options.llm.between: unknown value 'wobble' (allowed: hold, ema, momentum, smoothed, seed-history)"],
    ["policy.options.llm.temperature=3", "policy.options.llm.temperature: 3 is out of range (allowed: 0 to 2)"],
    ["policy.options.llm.maxTokens=8", "policy.options.llm.maxTokens: 8 is out of range (allowed: 16 to 32768)"],
    ["policy.options.llm.timeoutSeconds=0", "policy.options.llm.timeoutSeconds: 0 is out of range (allowed: 0.001 to 3600)"],
    ["policy.options.llm.retries=-1", "policy.options.llm.retries: -1 is out of range (allowed: 0 to 10)"],
    ["policy.options.llm.responseFormat=xml", "policy.options.llm.responseFormat: unknown value 'xml' (allowed: json_schema, json_object, none)"],
    ["policy.options.llm.url=ftp://example", "policy.options.llm.url: expected an http:// or https:// URL, got 'ftp://example'"],
    ["policy.options.llm.apiKeyEnv=1KEY", "policy.options.llm.apiKeyEnv: expected an environment variable name, got '1KEY'"],
    ["policy.options.llm.apiKeyEnv=MY-KEY", "policy.options.llm.apiKeyEnv: expected an environment variable name, got 'MY-KEY'"],
    ["policy.options.llm.model=", "policy.options.llm.model: the http backend needs the model's name"],
    ["policy.options.llm.colour=red", "--set policy.options.llm.colour: unknown option 'colour' in policy.options.llm (allowed: backend, every, between, model, url, apiKeyEnv, gguf, temperature, maxTokens, seed, responseFormat, timeoutSeconds, retries, backoffSeconds, threads, contextSize, topWords, examples, reasonLength)"],
    ["policy.level=user", "policy.level: 'user' is not supported by policy 'llm' (allowed: global)"],
  ])("%s", async (set, message) => {
    const r = await run(set);
    expect(r).toMatchObject({ code: 2, stderr: `drift-lab: ${message}\n` });
  });

  it("a sweep refuses a bad setting before any run starts", async () => {
    const r = await cliInProcess(["sweep", "--scenario", "baseline", "--grid", "policy.options.llm.every=5,10", "--seeds", "1", "--set", "policy.kind=llm", "--set", "policy.options.llm.url=ftp://x", "--out", tempDir("llm-config-sweep")]);
    expect(r).toMatchObject({ code: 2, stderr: "drift-lab: policy.options.llm.url: expected an http:// or https:// URL, got 'ftp://x'\n" });
  });

  it("the llama backend without a GGUF, or with a missing one", async () => {
    expect(await run("policy.options.llm.backend=llama")).toMatchObject({
      code: 2,
      stderr: "drift-lab: policy.options.llm.gguf: the llama backend needs a GGUF file (e.g. --set policy.options.llm.gguf=models/x.gguf)\n",
    });
    expect(await run("policy.options.llm.backend=llama", "policy.options.llm.gguf=no/such.gguf")).toMatchObject({
      code: 2,
      stderr: "drift-lab: policy.options.llm.gguf: no file 'no/such.gguf'\n",
    });
  });
});

const inNodeModules = await import("node-llama-cpp" as string).then(
  () => true,
  () => false,
);

describe.skipIf(inNodeModules)("without node-llama-cpp", () => {
  it("the llama backend fails in one line naming the install command", async () => {
    await expect(loadNodeLlamaCpp(tempDir("no-llama"))).rejects.toThrow(
      /^policy\.options\.llm\.backend: 'llama' needs node-llama-cpp 3\.21\.1, which is not installed \(run: npm run llama:install\)$/,
    );
  });
});

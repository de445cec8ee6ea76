import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./support/cli.js";

/** Type-checks one file under lib/'s project settings (lib/tsconfig.json: no DOM, no Node types). */
function checkAsLib(code: string): Promise<{ code: number; output: string }> {
  const dir = tempDir("purity");
  writeFileSync(join(dir, "probe.ts"), code);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: join(ROOT, "lib", "tsconfig.json"), include: ["probe.ts", join(ROOT, "lib", "globals.d.ts")] }));
  return new Promise((done) => {
    execFile(join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", dir], (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, output: stdout + stderr }));
  });
}

describe("lib/'s type check (npm run typecheck) refuses the DOM and Node", () => {
  it.each([
    ["document", "export const title = () => document.title;", /Cannot find name 'document'/],
    ["process", "export const argv = () => process.argv;", /Cannot find name 'process'/],
    ["node:fs", 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;', /node:fs/],
  ])("%s", async (_name, code, message) => {
    const r = await checkAsLib(code);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(message);
  });

  it("allows ECMAScript and the globals every runtime has (lib/globals.d.ts)", async () => {
    const r = await checkAsLib("export const copy = structuredClone({ a: [1] });\nexport const now = () => performance.now();\nexport const m = new Map<string, number>();\n");
    expect(r.output).toBe("");
    expect(r.code).toBe(0);
  });
});

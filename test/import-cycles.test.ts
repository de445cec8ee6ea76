import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles } from "../scripts/import-cycles.js";
import { ROOT, tempDir } from "./support/cli.js";

describe("lib/ has no import cycle (type-only imports count)", () => {
  it("finds no knot", () => {
    const found = importCycles(join(ROOT, "lib"));
    const report = found.map((c) => c.cycle.join(" → ")).join("\n");
    expect(found.map((c) => c.modules), report).toEqual([]);
  });

  it("the detector sees type-only imports, re-exports and dynamic imports, and no import in a comment or a string", () => {
    const dir = tempDir("cycles");
    mkdirSync(join(dir, "sub"));
    const files: Record<string, string> = {
      "a.ts": 'import type { B } from "./sub/b.js";\nexport interface A { b: B }\n',
      "sub/b.ts": 'export { type A } from "../a.js";\nexport type B = number;\n',
      "c.ts": 'export const load = () => import("./d.js");\n',
      "d.ts": 'import { load } from "./c.js";\nexport const again = load;\n',
      "e.ts": '// import { f } from "./f.js";\nexport const text = "import \\"./f.js\\"";\n',
      "f.ts": 'import { text } from "./e.js";\nexport const f = text;\n',
    };
    for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
    expect(importCycles(dir)).toEqual([
      { cycle: ["a.ts", "sub/b.ts", "a.ts"], modules: ["a.ts", "sub/b.ts"] },
      { cycle: ["c.ts", "d.ts", "c.ts"], modules: ["c.ts", "d.ts"] },
    ]);
  });
});

#!/usr/bin/env node
import { register } from "tsx/esm/api";

register();
// A reader that stops early (`drift-lab explain ... | head -1`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code !== "EPIPE") throw e;
    process.exit();
  });
}
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

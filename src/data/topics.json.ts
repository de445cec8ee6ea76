/** The world's vocabulary (data/topics.json) for pages that build a world in the browser. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../cli/files.js";
import { loader } from "./lab.js";

loader(() => JSON.stringify(JSON.parse(readFileSync(join(ROOT, "data", "topics.json"), "utf8"))));

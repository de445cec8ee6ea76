/**
 * Installs node-llama-cpp (pinned) with only its CPU build for this platform into .cache/node-llama-cpp, for
 * `policy.options.llm.backend=llama`. Its GPU builds (CUDA, Vulkan: about 730 MB) are optional dependencies of the
 * package; `--omit=optional` leaves them, and every other platform's build, out, and the CPU build for this
 * platform is named explicitly. The prefix keeps it out of the project's node_modules, so `npm ci` neither needs
 * it nor removes it, and the default install does not grow.
 *
 * Usage: npm run llama:install
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NODE_LLAMA_CPP_PREFIX, NODE_LLAMA_CPP_VERSION } from "../cli/llm/llama-backend.js";

/** node-llama-cpp's name for the prebuilt CPU binary package of a platform. */
function binaryPackage(platform: string, arch: string): string {
  if (platform === "darwin") return arch === "arm64" ? "mac-arm64-metal" : "mac-x64";
  if (platform === "win32") return `win-${arch}`;
  return `linux-${arch === "arm" ? "armv7l" : arch}`;
}

const packages = [`node-llama-cpp@${NODE_LLAMA_CPP_VERSION}`, `@node-llama-cpp/${binaryPackage(process.platform, process.arch)}@${NODE_LLAMA_CPP_VERSION}`];
mkdirSync(NODE_LLAMA_CPP_PREFIX, { recursive: true });
writeFileSync(join(NODE_LLAMA_CPP_PREFIX, "package.json"), JSON.stringify({ name: "drift-lab-node-llama-cpp", private: true }) + "\n");
process.stderr.write(`llama:install: ${packages.join(" ")} into ${NODE_LLAMA_CPP_PREFIX}\n`);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["install", "--prefix", NODE_LLAMA_CPP_PREFIX, "--omit=optional", "--no-audit", "--no-fund", "--ignore-scripts", ...packages], { stdio: "inherit" });
process.exit(result.status ?? 1);

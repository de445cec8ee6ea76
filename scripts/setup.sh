#!/usr/bin/env bash
# Installs everything Drift Lab needs on a fresh machine: the npm packages (from package-lock.json), the optional
# in-process LLM backend into .cache, and, for the browser tests, Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# onnxruntime-node (under the optional transformers.js) ships its CPU binaries; its install step would only
# try to download GPU extras, which fails without internet.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci --no-audit --no-fund
# The optional in-process LLM backend (node-llama-cpp pinned, its CPU build only, into .cache/node-llama-cpp; the
# default node_modules does not grow): policy.options.llm.backend=llama and its test need it.
npm run llama:install

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium is missing; the browser tests need it (as root: apt-get install chromium)" >&2
  fi
fi

#!/usr/bin/env bash
# Sets up the lab, runs every built-in scenario with its default settings into runs/<scenario>/,
# and builds the static site into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for file in simulations/*.json; do
  name=$(basename "$file" .json)
  if [ "$name" = "movielens" ] && [ ! -d data/ml-latest-small ]; then
    echo "quickstart: skipping movielens (no data; run: node bin/drift-lab.js data fetch movielens)" >&2
    continue
  fi
  echo "== $name" >&2
  node bin/drift-lab.js run --scenario "$name" --out "runs/$name" --force   # --force: a second quickstart replaces its runs
done
npm run build
echo
echo "Results: runs/<scenario>/{rounds.csv,weights.csv,summary.json,config.json}"
echo "Site:    dist/ (serve it with any static server, e.g. npx http-server dist), or live: npm run dev"

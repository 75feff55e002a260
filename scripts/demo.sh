#!/usr/bin/env bash
# The main job: start a manager on this machine and run a demo workload through it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install --no-save --no-fund --no-audit
npm run build --silent
exec node dist/scripts/demo.js "$@"

#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, npm packages, build, every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
# npm install, not npm ci: the registry here lacks the other platforms' optional packages (msgpackr-extract-darwin-*, …), which npm ci insists on finding in the lock file
npm install --no-save --no-fund --no-audit
npm test

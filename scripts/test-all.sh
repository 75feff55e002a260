#!/usr/bin/env bash
# The whole test suite on a fresh machine: system packages, npm packages, build, every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
npm ci --no-fund --no-audit
npm test

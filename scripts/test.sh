#!/usr/bin/env bash
# The whole test suite against real services: unit, then e2e (real Elasticsearch, Redis,
# PostgreSQL), then browser journeys (Playwright in Debian Chromium against the built app).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run stack:up
echo "[test] building server and frontend"
npm run build:server
npm run build:frontend

echo "[test] unit tests"
npx jest --selectProjects unit
echo "[test] e2e tests (real services)"
npx jest --selectProjects e2e --runInBand
echo "[test] browser tests"
npm run test:browser

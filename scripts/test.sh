#!/usr/bin/env bash
# The whole test suite against real services: unit, then e2e (real Elasticsearch, Redis,
# PostgreSQL), then browser journeys (Playwright in Debian Chromium against the built app).
set -euo pipefail
cd "$(dirname "$0")/.."

# The suite stops and restarts Elasticsearch to test failures, so it runs its own node on its
# own port and folder and never touches a developer's (or the demo's) node on 9200.
export ES_PORT="${TEST_ES_PORT:-9250}"
repo_hash=$(pwd | sha1sum | cut -c1-12)
export ES_BASE_DIR="${TEST_ES_BASE_DIR:-/var/tmp/jobportal-es-test/$repo_hash}"
unset ES_URL
npm run stack:up
export ES_URL="http://127.0.0.1:$ES_PORT"
echo "[test] building server and frontend"
npm run build:server
npm run build:frontend

echo "[test] unit tests"
npx jest --selectProjects unit
echo "[test] e2e tests (real services)"
npx jest --selectProjects e2e --runInBand
echo "[test] browser tests"
npm run test:browser

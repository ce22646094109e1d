#!/usr/bin/env bash
# The whole test suite against real services: unit, then e2e (real Elasticsearch, Redis,
# PostgreSQL), then browser journeys (Playwright in Debian Chromium against the built app).
set -euo pipefail
cd "$(dirname "$0")/.."

# The suite stops and restarts Elasticsearch to test failures, so it runs its own node on its
# own port and folder and never touches a developer's (or the demo's) node on 9200.
repo_hash=$(pwd | sha1sum | cut -c1-12)
export ES_BASE_DIR="${TEST_ES_BASE_DIR:-/var/tmp/jobportal-es-test/$repo_hash}"
# First port from 9250 that is free, or already held by this checkout's own test node.
ours() { [ -f "$ES_BASE_DIR/es.pid" ] && kill -0 "$(tr -dc '0-9' < "$ES_BASE_DIR/es.pid")" 2>/dev/null; }
port="${TEST_ES_PORT:-}"
if [ -z "$port" ]; then
  for p in $(seq 9250 9269); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || ours; then port=$p; break; fi
  done
fi
[ -n "$port" ] || { echo "[test] no free port in 9250-9269 for the test Elasticsearch; set TEST_ES_PORT"; exit 1; }
export ES_PORT="$port"
unset ES_URL
npm run stack:up
export ES_URL="http://127.0.0.1:$ES_PORT"
# Stop the test node when the suite ends, whatever the outcome, so it holds no port or memory.
trap 'bash elastic/stack.sh es-stop >/dev/null 2>&1 || true' EXIT
echo "[test] building server and frontend"
npm run build:server
npm run build:frontend
# The ingest pipeline codes every posting, so e2e and browser tests need the classifier. A clean
# clone (CI) trains it (a few minutes on 2 cores); an existing model that loads is kept.
echo "[test] occupation classifier"
node workers/dist/cli/train-classifier.js --if-missing

echo "[test] npm audit (high/critical)"
bash scripts/audit.sh
echo "[test] unit tests"
npx jest --selectProjects unit
echo "[test] e2e tests (real services)"
npx jest --selectProjects e2e --runInBand
echo "[test] fault tests (own Redis and PostgreSQL; restarts the test Elasticsearch)"
npx jest --selectProjects faults --runInBand
echo "[test] browser tests"
npm run test:browser

#!/usr/bin/env bash
# One command to a running product: services up, build, sample data imported if the index is
# empty, backend + workers started, URL printed. Ctrl-C stops backend and workers.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci
npm run stack:up
npm run build:server
[ -f apps/frontend/dist/browser/index.html ] || npm run build:frontend
# Every imported posting is coded to an occupation: train the classifier once (a few minutes on 2 cores).
node workers/dist/cli/train-classifier.js --if-missing

ES_URL="${ES_URL:-http://127.0.0.1:9200}"
count=$(curl -s "$ES_URL/${ES_INDEX_PREFIX:-}postings/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
if [ -z "$count" ] || [ "$count" = "0" ]; then
  echo "[demo] index is empty: importing the six sample datasets"
  node workers/dist/cli/ingest.js --samples --refresh
else
  echo "[demo] index holds $count postings; skipping import (npm run ingest:samples re-runs it)"
fi

occupations=$(curl -s "$ES_URL/${ES_INDEX_PREFIX:-}occupations/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
if [ -z "$occupations" ] || [ "$occupations" = "0" ]; then
  echo "[demo] indexing the O*NET occupations"
  node workers/dist/cli/index-occupations.js
else
  echo "[demo] occupations index holds $occupations occupations; skipping (npm run index:occupations re-runs it)"
fi

export NODE_ENV="${NODE_ENV:-development}"
node workers/dist/main.js & workers_pid=$!
node apps/backend/dist/main.js & backend_pid=$!
trap 'kill $workers_pid $backend_pid 2>/dev/null; wait' INT TERM EXIT

port="${PORT:-3000}"
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && break
  sleep 1
done
echo
echo "  Job portal is up:  http://127.0.0.1:$port/"
echo "  API docs:          http://127.0.0.1:$port/api/docs"
echo "  Health:            http://127.0.0.1:$port/api/health"
echo "  (Ctrl-C stops backend and workers; npm run stack:down stops Elasticsearch)"
wait

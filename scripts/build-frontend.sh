#!/usr/bin/env bash
# Builds the Angular app. On these machines `ng build` sometimes stays alive after it has written
# the bundle (seen in CI-like runs: "Application bundle generation complete", then no exit), which
# would hang the whole test suite. So the build runs in its own process group, and once the bundle
# is reported complete and the process has not exited within a grace period, the group is stopped
# and the build counts as done. A failed bundle still fails this script.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
setsid npm run build -w @jobportal/frontend > >(tee "$log") 2>&1 &
pid=$!
grace=${FRONTEND_BUILD_EXIT_GRACE_S:-20}
done_at=
while kill -0 "$pid" 2>/dev/null; do
  if [ -z "$done_at" ] && grep -q "Application bundle generation complete" "$log"; then done_at=$SECONDS; fi
  if [ -n "$done_at" ] && [ $((SECONDS - done_at)) -ge "$grace" ]; then
    echo "[build] the bundle is written but ng build did not exit within ${grace}s; stopping it"
    kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null
    sleep 1
    kill -9 -- -"$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null
    [ -f apps/frontend/dist/browser/index.html ] || { echo "[build] no apps/frontend/dist/browser/index.html"; exit 1; }
    exit 0
  fi
  sleep 1
done
wait "$pid"

#!/usr/bin/env bash
# Runs the SIGKILL fault test N times (default 20) and prints pass/fail counts.
# Usage: npm run test:sigkill-loop [-- <runs> [test path]]
set -u
cd "$(dirname "$0")/.."
runs="${1:-20}"
target="${2:-test/faults/worker-sigkill.test.ts}"
pass=0
fail=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if npx jest "$target" --selectProjects faults >"/tmp/livecue-sigkill-$i.log" 2>&1; then
    pass=$((pass + 1)); verdict=pass
  else
    fail=$((fail + 1)); verdict="FAIL (log: /tmp/livecue-sigkill-$i.log)"
  fi
  echo "run $i/$runs: $verdict in $(( $(date +%s) - start )) s"
done
echo "sigkill loop: $pass passed, $fail failed of $runs runs ($target)"
[ "$fail" -eq 0 ]

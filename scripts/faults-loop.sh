#!/usr/bin/env bash
# Runs the fault suite N times (default 10) and prints one line per run plus a summary.
# FAULTS_LONG=1 for the long form. Logs: test-artifacts/faults-loop/run-<i>.log
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
out="test-artifacts/faults-loop"
mkdir -p "$out"
passed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  npx jest --selectProjects faults --runInBand >"$out/run-$i.log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  summary=$(grep -E '^Tests:' "$out/run-$i.log" | tail -1)
  failed=$(grep -E '^FAIL ' "$out/run-$i.log" | awk '{print $3}' | tr '\n' ' ')
  if [ "$rc" -eq 0 ]; then passed=$((passed + 1)); fi
  echo "run $i: rc=$rc ${secs}s ${summary} ${failed:+failed: $failed}"
done
echo "fault suite: $passed/$runs runs passed"
[ "$passed" -eq "$runs" ]

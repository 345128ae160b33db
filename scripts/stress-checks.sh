#!/usr/bin/env bash
# Runs chapter 11's checks on the reference solution many times while both cores are busy with
# other work, and counts runs that did not pass every check. A check suite that is honest about
# time (manual clocks, no real sleeps) shows zero flaky runs.
#
#   scripts/stress-checks.sh [RUNS]      (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-200}"
swift build --product ch11-state >/dev/null
binary="$(swift build --product ch11-state --show-bin-path)/ch11-state"

burners=()
for _ in $(seq "$(nproc 2>/dev/null || echo 2)"); do
  (while :; do :; done) &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null || true' EXIT

flaky=0
start=$(date +%s.%N)
for i in $(seq "$runs"); do
  if ! "$binary" check --solution --json >/tmp/agent-labs-stress.json 2>&1; then
    flaky=$((flaky + 1))
    echo "run $i did not pass every check:"
    grep -E '"(id|status|message)"' /tmp/agent-labs-stress.json | grep -B1 -A1 -E '"status" : "(fail|error|timeout)"' || true
  fi
done
end=$(date +%s.%N)
echo "ch11 checks on the solution: $runs runs with every core busy, $flaky flaky, $(awk "BEGIN { printf \"%.1f\", $end - $start }") s in all"
[[ $flaky -eq 0 ]]

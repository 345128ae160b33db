#!/usr/bin/env bash
# The lab 04 crash test: start the reference solution's demo with latency on every model call
# and tool, SIGKILL it at a random moment, start it again on the same state directory, and
# check that the task ends completed and that the side-effect ledger shows the logs cleaned
# exactly once. RUNS times (default 20). Prints the figures; exits 1 if any run went wrong.
#
#   scripts/crash-lab04.sh                 # 20 runs, 120 ms of latency per step
#   RUNS=50 LATENCY_MS=60 scripts/crash-lab04.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
LATENCY_MS=${LATENCY_MS:-120}

swift build --product lab04-autonomy >/dev/null 2>&1 || swift build --product lab04-autonomy
bin="$(swift build --product lab04-autonomy --show-bin-path 2>/dev/null)/lab04-autonomy"
work="$(mktemp -d "${TMPDIR:-/tmp}/crash-lab04.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# How long one uninterrupted run takes, to aim the kills inside it.
now_ms() { python3 -c 'import time; print(int(time.time() * 1000))'; }
start_ms=$(now_ms)
"$bin" run --solution --state-dir "$work/probe" --latency-ms "$LATENCY_MS" >/dev/null
span_ms=$(( $(now_ms) - start_ms ))

kills=0 before_done=0 after_effect=0 completed=0 effects=0 doubled=0 replays=0 violations=0 failures=0
for run in $(seq 1 "$RUNS"); do
  dir="$work/run-$run"
  # A random moment within the first three quarters of a run; a demo that finished before
  # it is started again on a fresh directory, until the kill strikes a running process.
  for try in 1 2 3 4 5; do
    rm -rf "$dir" && mkdir -p "$dir"
    "$bin" run --solution --state-dir "$dir" --latency-ms "$LATENCY_MS" >"$dir/first.log" 2>&1 &
    pid=$!
    delay_ms=$(( RANDOM % (span_ms * 3 / 4) ))
    sleep "$(awk "BEGIN { print $delay_ms / 1000 }")"
    if kill -KILL "$pid" 2>/dev/null; then
      kills=$((kills + 1))
      wait "$pid" 2>/dev/null || true
      break
    fi
    wait "$pid" 2>/dev/null || true
  done
  grep -q "completed:" "$dir/first.log" || before_done=$((before_done + 1))
  [ -s "$dir/effects.log" ] && after_effect=$((after_effect + 1))

  if ! "$bin" run --solution --state-dir "$dir" >"$dir/second.log" 2>&1; then
    echo "run $run: the restart failed:" >&2
    cat "$dir/second.log" >&2
    failures=$((failures + 1))
    continue
  fi
  read -r state cleanings distinct replayed violated < <(python3 - "$dir" <<'PY'
import json, os, sys
d = sys.argv[1]
def lines(name):
    path = os.path.join(d, name)
    return [l for l in open(path).read().splitlines() if l] if os.path.exists(path) else []
tasks = json.load(open(os.path.join(d, "tasks.json")))
state = next((t["state"] for t in tasks if t["id"] == "disk-1"), "missing")
effects = lines("effects.log")
print(state, len(effects), len(set(effects)), len(lines("replays.log")), len(lines("violations.log")))
PY
)
  [ "$state" = completed ] && completed=$((completed + 1))
  effects=$((effects + cleanings))
  doubled=$((doubled + (cleanings > 1 ? cleanings - 1 : 0)))
  replays=$((replays + replayed))
  violations=$((violations + violated))
  if [ "$state" != completed ] || [ "$cleanings" -ne 1 ] || [ "$violated" -ne 0 ]; then
    echo "run $run: state $state, logs cleaned $cleanings times, $violated saved call(s) run again" >&2
    failures=$((failures + 1))
  fi
done

echo "lab 04 crash test: $RUNS runs, ${LATENCY_MS} ms of latency per model call and tool, one run takes ~${span_ms} ms"
echo "  SIGKILLs delivered to a running demo:        $kills (of which $before_done before the task completed)"
echo "  kills that struck after the logs were cleaned: $after_effect (the restart must not clean them again)"
echo "  runs that ended completed after the restart: $completed of $RUNS"
echo "  clean_logs effects in the ledgers:           $effects (one per run expected)"
echo "  doubled effects:                             $doubled"
echo "  replays absorbed by the tool_call_id key:    $replays"
echo "  saved tool calls run again on resume:        $violations"
[ "$failures" -eq 0 ] && [ "$doubled" -eq 0 ] && [ "$completed" -eq "$RUNS" ]

#!/usr/bin/env bash
# Benchmarks mock-llm (release build) with wrk: requests/s and p50/p99 latency of a non-streaming
# tool-call completion (the lab 04 opening request) at 1 and 10 connections, over loopback.
#
#   scripts/bench-mock.sh                 # 10 s per run
#   DURATION=30s scripts/bench-mock.sh
#   SERVER_THREADS="default" scripts/bench-mock.sh   # only the default thread count
#
# Needs wrk (Debian: apt-get install -y wrk). Builds into .build-release.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
SCRATCH_PATH=${SCRATCH_PATH:-.build-release}
THREADS=${THREADS:-1}

if ! command -v wrk >/dev/null; then
  echo "bench: wrk is not installed (Debian: apt-get install -y wrk)" >&2
  exit 2
fi

echo "bench: building mock-llm (release)" >&2
swift build -c release --product mock-llm --scratch-path "$SCRATCH_PATH" >&2
BIN="$(swift build -c release --product mock-llm --scratch-path "$SCRATCH_PATH" --show-bin-path)/mock-llm"

# Server thread counts to measure: the default (one less than the cores, leaving wrk a core),
# and one per core.
SERVER_THREADS=${SERVER_THREADS:-"default $(nproc)"}

LOG=$(mktemp)
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap 'stop_server; rm -f "$LOG"' EXIT

printf "%-15s %-12s %12s %10s %10s %8s\n" server-threads connections "requests/s" p50 p99 non-200
for threads in $SERVER_THREADS; do
  THREAD_FLAG=()
  [ "$threads" != default ] && THREAD_FLAG=(--threads "$threads")
  : >"$LOG"
  "$BIN" --scenario lab04-autonomy --port 0 --log-level warning "${THREAD_FLAG[@]}" >"$LOG" 2>&1 &
  SERVER_PID=$!
  URL=""
  for _ in $(seq 1 100); do
    URL=$(grep -o 'http://[^ ]*/v1' "$LOG" || true)
    [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || { echo "bench: mock-llm did not start" >&2; cat "$LOG" >&2; exit 1; }

  # Warm up, then measure.
  wrk -t1 -c10 -d2s -s scripts/bench-mock.lua "$URL/chat/completions" >/dev/null
  for connections in 1 10; do
    OUT=$(wrk -t"$THREADS" -c"$connections" -d"$DURATION" --latency -s scripts/bench-mock.lua "$URL/chat/completions")
    RPS=$(echo "$OUT" | awk '/Requests\/sec:/ {print $2}')
    P50=$(echo "$OUT" | awk '$1 == "50%" {print $2}')
    P99=$(echo "$OUT" | awk '$1 == "99%" {print $2}')
    BAD=$(echo "$OUT" | awk '/non-200 answers:/ {print $3}')
    printf "%-15s %-12s %12s %10s %10s %8s\n" "$threads" "$connections" "$RPS" "$P50" "$P99" "$BAD"
  done
  stop_server
done

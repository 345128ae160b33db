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

source scripts/lib/mock-server.sh
source scripts/lib/wrk.sh

printf "%-15s %-12s %12s %10s %10s %8s\n" server-threads connections "requests/s" "p50 (us)" "p99 (us)" failed
for threads in $SERVER_THREADS; do
  THREAD_FLAG=()
  [ "$threads" != default ] && THREAD_FLAG=(--threads "$threads")
  start_mock "$BIN" --scenario lab04-autonomy "${THREAD_FLAG[@]}"
  URL=$MOCK_URL

  # Warm up, then measure.
  wrk -t1 -c10 -d2s -s scripts/bench-mock.lua "$URL/chat/completions" >/dev/null
  for connections in 1 10; do
    OUT=$(wrk -t"$THREADS" -c"$connections" -d"$DURATION" --latency -s scripts/bench-mock.lua "$URL/chat/completions")
    read -r RPS P50 P99 BAD <<<"$(wrk_figures "$OUT")"
    printf "%-15s %-12s %12s %10s %10s %8s\n" "$threads" "$connections" "$RPS" "$P50" "$P99" "$BAD"
  done
  stop_mock
done

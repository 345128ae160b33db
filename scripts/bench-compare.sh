#!/usr/bin/env bash
# Side by side on this machine, in one run of this script: mock-llm (release build), mocktopus
# (PyPI) and nginx (Debian) answering the same request with the same bytes, measured by wrk at 1,
# 10 and 50 connections in RUNS interleaved rounds; then a 500-chunk stream from mock-llm, against
# nginx sending the same bytes. Only figures from one run mean much on a shared machine, so the
# goals are judged on the medians of this run's rounds.
#
#   scripts/bench-compare.sh                  # 5 s per measurement, 3 rounds
#   DURATION=10s RUNS=5 scripts/bench-compare.sh
#   BASELINE_BIN=/tmp/mock-llm-old scripts/bench-compare.sh   # adds another mock-llm build
#   SCRATCH_PATH=.build scripts/bench-compare.sh              # reuse a build folder
#
# Goals (issue 11): at 10 connections at least 3x mocktopus's rate, at least 30% of nginx's, and
# a p99 under 1 ms; at 1 connection a p50 under 100 us. Each measurement also gives the server's
# CPU time per request (user + system, from /proc), which a busy machine disturbs less than rates.
#
# Needs wrk, nginx and curl (apt-get install -y wrk nginx-light curl); makes .venv-bench with
# mocktopus on first use. The server gets one thread (its default on two cores), nginx one
# worker, wrk one thread.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-5s}
RUNS=${RUNS:-3}
STREAMS=${STREAMS:-30}
SCRATCH_PATH=${SCRATCH_PATH:-.build-release}
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed (apt-get install -y wrk nginx-light curl)" >&2; exit 2; }
done
if [ ! -x .venv-bench/bin/mocktopus ]; then
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install --quiet --disable-pip-version-check mocktopus
fi
source scripts/lib/wrk.sh

echo "bench: building mock-llm (release)" >&2
swift build -c release --product mock-llm --scratch-path "$SCRATCH_PATH" >&2
BIN="$(swift build -c release --product mock-llm --scratch-path "$SCRATCH_PATH" --show-bin-path)/mock-llm"

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; echo "bench: nothing on port $1" >&2; return 1; }

BODY=$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' scripts/bench-mock.lua)
post() { curl -s -X POST -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:$1/v1/chat/completions"; }

# mock-llm, with its default thread count (one less than the cores).
MOCK_PORT=$(free_port)
"$BIN" --scenario lab04-autonomy --port "$MOCK_PORT" --log-level warning >"$WORK/mock.log" 2>&1 &
PIDS+=($!)
declare -A SERVER_PID
SERVER_PID[mock-llm]=$!
wait_port "$MOCK_PORT"
post "$MOCK_PORT" "$BODY" >"$WORK/answer.json"

SERVERS="mock-llm:$MOCK_PORT"
if [ -n "${BASELINE_BIN:-}" ]; then
  BASE_PORT=$(free_port)
  "$BASELINE_BIN" --scenario lab04-autonomy --port "$BASE_PORT" --log-level warning >"$WORK/baseline.log" 2>&1 &
  PIDS+=($!)
  SERVER_PID[baseline]=$!
  wait_port "$BASE_PORT"
  SERVERS="$SERVERS baseline:$BASE_PORT"
fi

# A second mock-llm for the stream: one rule whose answer streams as 500 chunk events (the role,
# 498 words, the finish reason), then [DONE].
STREAM_PORT=$(free_port)
python3 - "$WORK/stream.json" <<'PY'
import json, sys
words = " ".join(f"word{i}" for i in range(498))
json.dump({"name": "bench-stream", "rules": [{"name": "long answer", "reply": {"text": words}}]}, open(sys.argv[1], "w"))
PY
"$BIN" --scenario "$WORK/stream.json" --port "$STREAM_PORT" --log-level warning >"$WORK/stream.log" 2>&1 &
PIDS+=($!)
wait_port "$STREAM_PORT"
STREAM_BODY='{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Tell me a long story."}]}'
post "$STREAM_PORT" "$STREAM_BODY" >"$WORK/stream.sse"
EVENTS=$(grep -c '^data: {' "$WORK/stream.sse" || true)
[ "$EVENTS" = 500 ] || { echo "bench: the stream carried $EVENTS chunk events, not 500" >&2; exit 1; }

# nginx, one worker, returning the bytes mock-llm answered (and the stream's bytes as a file).
NGINX_PORT=$(free_port)
ESCAPED=$(sed -e 's/\\/\\\\/g' -e "s/'/\\\\'/g" "$WORK/answer.json")
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = /stream { default_type text/event-stream; alias $WORK/stream.sse; }
    location / { default_type application/json; return 200 '$ESCAPED'; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
PIDS+=($!)
SERVER_PID[nginx]=$!
wait_port "$NGINX_PORT"

# mocktopus, answering the same request with the same tool call.
MOCKTOPUS_PORT=$(free_port)
cat >"$WORK/mocktopus.yaml" <<'YAML'
version: 1
rules:
  - type: llm.openai
    when:
      messages_contains: "disk space"
    respond:
      content: null
      tool_calls:
        - id: "call_0"
          type: "function"
          function:
            name: "check_disk"
            arguments: "{}"
YAML
.venv-bench/bin/mocktopus serve -s "$WORK/mocktopus.yaml" -p "$MOCKTOPUS_PORT" >"$WORK/mocktopus.log" 2>&1 &
PIDS+=($!)
SERVER_PID[mocktopus]=$!
wait_port "$MOCKTOPUS_PORT"

SERVERS="$SERVERS mocktopus:$MOCKTOPUS_PORT nginx:$NGINX_PORT"
for name in $SERVERS; do
  port=${name#*:}
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$port/v1/chat/completions")
  [ "$status" = 200 ] || { echo "bench: ${name%%:*} answered $status" >&2; exit 1; }
  wrk -t1 -c10 -d2s -s scripts/bench-mock.lua "http://127.0.0.1:$port/v1/chat/completions" >/dev/null
done

# CPU time (user + system clock ticks) of a server process and its children (nginx's worker).
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
TICKS=$(getconf CLK_TCK)

echo "Requests: the lab 04 opening request (a tool-call answer of $(wc -c <"$WORK/answer.json") bytes), wrk -t1, $DURATION each, $RUNS interleaved rounds"
printf "%-4s %-10s %-6s %12s %10s %10s %7s %14s\n" run server conns "requests/s" "p50 (us)" "p99 (us)" failed "CPU us/request"
: >"$WORK/figures"
for run in $(seq 1 "$RUNS"); do
  for connections in 1 10 50; do
    for name in $SERVERS; do
      port=${name#*:}
      before=$(cpu_ticks "${SERVER_PID[${name%%:*}]}")
      OUT=$(wrk -t1 -c"$connections" -d"$DURATION" --latency -s scripts/bench-mock.lua "http://127.0.0.1:$port/v1/chat/completions")
      after=$(cpu_ticks "${SERVER_PID[${name%%:*}]}")
      read -r RPS P50 P99 BAD <<<"$(wrk_figures "$OUT")"
      REQUESTS=$(echo "$OUT" | awk '/requests in/ {print $1}')
      CPU=$(python3 -c "print(round(($after - $before) / $TICKS * 1e6 / max(1, $REQUESTS), 1))")
      printf "%-4s %-10s %-6s %12s %10s %10s %7s %14s\n" "$run" "${name%%:*}" "$connections" "$RPS" "$P50" "$P99" "$BAD" "$CPU"
      echo "${name%%:*} $connections $RPS $P50 $P99 $BAD $CPU" >>"$WORK/figures"
    done
  done
done

echo
echo "Medians of the $RUNS rounds"
python3 - "$WORK/figures" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def median(server, conns, column):
    values = [float(row[column]) for row in rows if row[0] == server and row[1] == conns]
    return statistics.median(values) if values else None
servers = list(dict.fromkeys(row[0] for row in rows))
print(f"{'server':<10} {'conns':<6} {'requests/s':>12} {'p50 (us)':>10} {'p99 (us)':>10} {'failed':>7} {'CPU us/request':>14}")
for conns in ("1", "10", "50"):
    for server in servers:
        print(f"{server:<10} {conns:<6} {median(server, conns, 2):>12.0f} {median(server, conns, 3):>10.0f} {median(server, conns, 4):>10.0f} {median(server, conns, 5):>7.0f} {median(server, conns, 6):>14.1f}")
print("(CPU us/request: the server's user + system time over the requests it answered, kernel included; scripts/callgrind-mock.sh counts the instructions of one request in user space)")
print()
mock, mocktopus, nginx = (median(s, "10", 2) for s in ("mock-llm", "mocktopus", "nginx"))
goals = [
    (f"10 connections: {mock / mocktopus:.1f}x mocktopus", mock / mocktopus >= 3, "at least 3x"),
    (f"10 connections: {100 * mock / nginx:.0f}% of nginx", mock / nginx >= 0.30, "at least 30%"),
    (f"10 connections: p99 {median('mock-llm', '10', 4):.0f} us", median("mock-llm", "10", 4) < 1000, "under 1000 us"),
    (f"1 connection: p50 {median('mock-llm', '1', 3):.0f} us", median("mock-llm", "1", 3) < 100, "under 100 us"),
]
failures = sum(float(row[5]) for row in rows)
for text, met, goal in goals:
    print(f"  {'met ' if met else 'MISS'}  {text} (goal: {goal})")
print(f"  {'met ' if failures == 0 else 'MISS'}  failed answers in all rounds: {failures:.0f} (goal: 0)")
PY

echo
echo "Stream: 500 chunk events and [DONE] ($(wc -c <"$WORK/stream.sse") bytes), $STREAMS requests each, one curl per request"
stream_times() {  # stream_times URL [BODY]: TTFB and whole time (us) of each request, after the connection is up
  for _ in $(seq 1 "$STREAMS"); do
    if [ -n "${2:-}" ]; then
      curl -s -o /dev/null -w '%{time_pretransfer} %{time_starttransfer} %{time_total}\n' -X POST -H 'Content-Type: application/json' -d "$2" "$1"
    else
      curl -s -o /dev/null -w '%{time_pretransfer} %{time_starttransfer} %{time_total}\n' "$1"
    fi
  done
}
stream_times "http://127.0.0.1:$STREAM_PORT/v1/chat/completions" "$STREAM_BODY" >"$WORK/stream-mock"
stream_times "http://127.0.0.1:$NGINX_PORT/stream" >"$WORK/stream-nginx"
python3 - "$WORK/stream-mock" "$WORK/stream-nginx" <<'PY'
import statistics, sys
print(f"{'server':<10} {'TTFB p50 (us)':>14} {'whole p50 (us)':>15} {'chunks/s':>10}")
for name, path in (("mock-llm", sys.argv[1]), ("nginx", sys.argv[2])):
    rows = [[float(x) for x in line.split()] for line in open(path)]
    ttfb = statistics.median((start - sent) * 1e6 for sent, start, total in rows)
    whole = statistics.median((total - sent) * 1e6 for sent, start, total in rows)
    print(f"{name:<10} {ttfb:>14.0f} {whole:>15.0f} {500 / (whole / 1e6):>10.0f}")
print("(nginx sends the same bytes from a file: the wire's own cost; mocktopus is left out, since it sleeps 20 ms between chunks)")
PY

#!/usr/bin/env bash
# Side by side on this machine, one run of this script: mock-llm (release), mocktopus (PyPI) and
# nginx (Debian) answering the same request with the same bytes, measured by wrk at 1, 10 and 50
# connections, RUNS interleaved rounds. Only ratios within one run mean much on a shared machine.
#
#   scripts/bench-compare.sh                  # 5 s per measurement, 3 rounds
#   DURATION=10s RUNS=5 scripts/bench-compare.sh
#   BASELINE_BIN=/tmp/mock-llm-old scripts/bench-compare.sh   # adds another mock-llm build
#
# Needs wrk and nginx (apt-get install -y wrk nginx-light); makes .venv-bench with mocktopus.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-5s}
RUNS=${RUNS:-3}
SCRATCH_PATH=${SCRATCH_PATH:-.build-release}
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed (apt-get install -y wrk nginx-light curl)" >&2; exit 2; }
done
if [ ! -x .venv-bench/bin/mocktopus ]; then
  python3 -m venv .venv-bench
  .venv-bench/bin/pip install --quiet --disable-pip-version-check mocktopus
fi

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

# mock-llm, with its default thread count (one less than the cores).
MOCK_PORT=$(free_port)
"$BIN" --scenario lab04-autonomy --port "$MOCK_PORT" --log-level warning >"$WORK/mock.log" 2>&1 &
PIDS+=($!)
wait_port "$MOCK_PORT"
curl -s -X POST -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$MOCK_PORT/v1/chat/completions" >"$WORK/answer.json"

SERVERS="mock-llm:$MOCK_PORT"
if [ -n "${BASELINE_BIN:-}" ]; then
  BASE_PORT=$(free_port)
  "$BASELINE_BIN" --scenario lab04-autonomy --port "$BASE_PORT" --log-level warning >"$WORK/baseline.log" 2>&1 &
  PIDS+=($!)
  wait_port "$BASE_PORT"
  SERVERS="$SERVERS baseline:$BASE_PORT"
fi

# nginx, one worker, returning the bytes mock-llm answered.
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
    location / { default_type application/json; return 200 '$ESCAPED'; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
PIDS+=($!)
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
wait_port "$MOCKTOPUS_PORT"

SERVERS="$SERVERS mocktopus:$MOCKTOPUS_PORT nginx:$NGINX_PORT"
for name in $SERVERS; do
  port=${name#*:}
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$port/v1/chat/completions")
  [ "$status" = 200 ] || { echo "bench: ${name%%:*} answered $status" >&2; exit 1; }
  wrk -t1 -c10 -d2s -s scripts/bench-mock.lua "http://127.0.0.1:$port/v1/chat/completions" >/dev/null
done

printf "%-4s %-10s %-6s %12s %10s %10s %8s\n" run server conns "requests/s" p50 p99 non-200
for run in $(seq 1 "$RUNS"); do
  for connections in 1 10 50; do
    for name in $SERVERS; do
      port=${name#*:}
      OUT=$(wrk -t1 -c"$connections" -d"$DURATION" --latency -s scripts/bench-mock.lua "http://127.0.0.1:$port/v1/chat/completions")
      RPS=$(echo "$OUT" | awk '/Requests\/sec:/ {print $2}')
      P50=$(echo "$OUT" | awk '$1 == "50%" {print $2}')
      P99=$(echo "$OUT" | awk '$1 == "99%" {print $2}')
      BAD=$(echo "$OUT" | awk '/non-200 answers:/ {print $3}')
      printf "%-4s %-10s %-6s %12s %10s %10s %8s\n" "$run" "${name%%:*}" "$connections" "$RPS" "$P50" "$P99" "$BAD"
    done
  done
done

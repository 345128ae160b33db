#!/usr/bin/env bash
# Resident memory of mock-llm (release) under load: ROUNDS rounds of wrk at 10 connections (about
# a million requests in all at the default 10 s a round), then 10 rounds of 1,000 connections held
# open at once. Prints RSS after each round; flat is good.
#
#   scripts/rss-mock.sh
#   DURATION=5s ROUNDS=5 scripts/rss-mock.sh
#   SCRATCH_PATH=.build scripts/rss-mock.sh      # reuse a build folder
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-10}
SCRATCH_PATH=${SCRATCH_PATH:-.build-release}
command -v wrk >/dev/null || { echo "rss: wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
swift build -c release --product mock-llm --scratch-path "$SCRATCH_PATH" >&2
BIN="$(swift build -c release --product mock-llm --scratch-path "$SCRATCH_PATH" --show-bin-path)/mock-llm"

source scripts/lib/mock-server.sh
start_mock "$BIN" --scenario lab04-autonomy --max-connections 2000
URL=$MOCK_URL
rss() { awk '/^VmRSS:/ {print $2 " kB"}' "/proc/$MOCK_PID/status"; }

echo "rss: at start $(rss)"
total=0
for round in $(seq 1 "$ROUNDS"); do
  requests=$(wrk -t1 -c10 -d"$DURATION" -s scripts/bench-mock.lua "$URL/chat/completions" | awk '/requests in/ {print $1}')
  total=$((total + requests))
  echo "rss: wrk round $round: $requests requests ($total in all), RSS $(rss)"
done
BODY=$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' scripts/bench-mock.lua)
for round in $(seq 1 10); do
  python3 - "${URL#http://}" "$BODY" "$MOCK_PID" "$round" <<'PY'
import socket, sys
host, port = sys.argv[1].split("/")[0].rsplit(":", 1)
body, pid, round_ = sys.argv[2].encode(), sys.argv[3], sys.argv[4]
request = (f"POST /v1/chat/completions HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
           f"Content-Length: {len(body)}\r\n\r\n").encode() + body
held = []
for _ in range(1000):
    connection = socket.create_connection((host, int(port)), timeout=30)
    connection.sendall(request)
    held.append(connection)
for connection in held:
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(65536)
    assert data.startswith(b"HTTP/1.1 200"), data[:40]
rss = next(line.split()[1] for line in open(f"/proc/{pid}/status") if line.startswith("VmRSS:"))
print(f"rss: 1,000 held connections, round {round_}: RSS {rss} kB while held", flush=True)
for connection in held:
    connection.close()
PY
  sleep 1
  echo "rss: round $round closed: RSS $(rss)"
done
stop_mock

#!/usr/bin/env bash
# Instructions per request of mock-llm, counted by valgrind's callgrind (stable on a busy machine,
# unlike time): the server answers SMALL then LARGE keep-alive requests (the lab 04 opening
# request, a tool-call answer); the difference of the two totals over the difference of the
# counts leaves start-up and shutdown out.
#
#   scripts/callgrind-mock.sh                 # the release build of this tree
#   scripts/callgrind-mock.sh path/to/mock-llm
#   SMALL=100 LARGE=600 scripts/callgrind-mock.sh
#
# The binary runs without its DWARF debug info (valgrind 3.19 cannot read Swift 6's). Seen on
# this project's machine (Debian bookworm, x86_64): valgrind 3.19 and Debian trixie's 3.24 (run
# from its extracted package, VALGRIND=/path/to/valgrind) both die of an internal SIGSEGV at the
# start of any Swift 6.3 NIO binary, even with --tool=none, so this needs a valgrind that does
# not; scripts/bench-compare.sh reports CPU time per request instead.
set -euo pipefail
cd "$(dirname "$0")/.."

SMALL=${SMALL:-200}
LARGE=${LARGE:-1200}
if [ $# -ge 1 ]; then
  BIN=$1
else
  swift build -c release --product mock-llm --scratch-path .build-release >&2
  BIN="$(swift build -c release --product mock-llm --scratch-path .build-release --show-bin-path)/mock-llm"
fi
VALGRIND=${VALGRIND:-valgrind}
command -v "$VALGRIND" >/dev/null || { echo "callgrind: valgrind is not installed" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
objcopy --strip-debug "$BIN" "$WORK/mock-llm"
BIN="$WORK/mock-llm"
BODY=$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' scripts/bench-mock.lua)

count() {  # count N: total instructions of a run that answers N requests
  local n=$1 port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$VALGRIND" --tool=callgrind --callgrind-out-file="$WORK/callgrind.$n" \
    "$BIN" --scenario lab04-autonomy --port "$port" --threads 1 --log-level warning >"$WORK/log.$n" 2>&1 &
  local pid=$!
  python3 - "$port" "$n" "$BODY" <<'PY'
import http.client, sys, time
port, n, body = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode()
deadline = time.monotonic() + 120
while True:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/health")
        connection.getresponse().read()
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("the server did not start")
        time.sleep(0.5)
for _ in range(n):
    connection.request("POST", "/v1/chat/completions", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    assert response.status == 200, response.status
PY
  kill -INT "$pid"
  wait "$pid" || true
  awk '/^(summary|totals):/ {print $2; exit}' "$WORK/callgrind.$n"
}

small=$(count "$SMALL")
large=$(count "$LARGE")
echo "callgrind: $small instructions for $SMALL requests, $large for $LARGE"
echo "callgrind: $(( (large - small) / (LARGE - SMALL) )) instructions per request ($BIN)"

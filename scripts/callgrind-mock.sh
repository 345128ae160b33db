#!/usr/bin/env bash
# Instructions per request of mock-llm, counted by valgrind's callgrind (stable on a busy machine,
# unlike time): the server answers SMALL then LARGE keep-alive requests (the lab 04 opening
# request, a tool-call answer); the difference of the two totals over the difference of the
# counts leaves start-up and shutdown out.
#
#   scripts/callgrind-mock.sh                 # the release build of this tree
#   scripts/callgrind-mock.sh path/to/mock-llm
#   SMALL=100 LARGE=600 scripts/callgrind-mock.sh
#   KEEP=/tmp/cg scripts/callgrind-mock.sh    # keeps both profiles, for callgrind_annotate
#
# Two things keep valgrind 3.19 (Debian bookworm) from running a Swift 6.3 server, and the script
# works round both. Swift 6 writes DWARF 5 debug info, which its reader gives up on ("unhandled
# dwarf2 abbrev form code 0x25"), so the binary runs from a copy without it (the symbols stay).
# And an async main parks the main thread in libdispatch's sigsuspend() with a signal mask that
# lives in read-only memory, which valgrind's wrapper writes to and dies of (an internal SIGSEGV,
# "syscall 130"); a preloaded shim of a few lines, built here with cc, hands sigsuspend() a copy.
# Neither changes what the server does per request.
#
# Needs valgrind, cc (gcc) and python3 (apt-get install -y valgrind gcc).
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
command -v "$VALGRIND" >/dev/null || { echo "callgrind: valgrind is not installed (apt-get install -y valgrind)" >&2; exit 2; }
command -v cc >/dev/null || { echo "callgrind: cc is not installed (apt-get install -y gcc)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
objcopy --strip-debug "$BIN" "$WORK/mock-llm"
BIN="$WORK/mock-llm"
cat >"$WORK/sigsuspend-copy.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
/* Calls the real sigsuspend() with a writable copy of the mask (see the note at the top). */
int sigsuspend(const sigset_t *mask) {
    static int (*real)(const sigset_t *);
    if (!real) real = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    sigset_t copy = *mask;
    return real(&copy);
}
C
cc -shared -fPIC -O2 -o "$WORK/sigsuspend-copy.so" "$WORK/sigsuspend-copy.c" -ldl
BODY=$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' scripts/bench-mock.lua)

count() {  # count N: total instructions of a run that answers N requests
  local n=$1 port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  LD_PRELOAD="$WORK/sigsuspend-copy.so" "$VALGRIND" --tool=callgrind --callgrind-out-file="$WORK/callgrind.$n" \
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
# The requests go on a connection of their own, as wrk's do: the server's quickest lane takes
# only connections whose every request it can answer.
connection.close()
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
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
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP"
  cp "$WORK"/callgrind.* "$KEEP"/
  echo "callgrind: profiles in $KEEP (callgrind_annotate $KEEP/callgrind.$LARGE)"
fi
echo "callgrind: $small instructions for $SMALL requests, $large for $LARGE"
echo "callgrind: $(( (large - small) / (LARGE - SMALL) )) instructions per request ($BIN)"

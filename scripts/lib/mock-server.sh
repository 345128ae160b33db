# Sourced by scripts that run mock-llm in the background: start_mock BIN ARGS... starts it on a
# free port and sets MOCK_URL (the API root) and MOCK_PID; stop_mock ends it. Needs bash.

MOCK_LOG=$(mktemp)
MOCK_PID=""
MOCK_URL=""

start_mock() {
  : >"$MOCK_LOG"
  "$@" --port 0 --log-level warning >"$MOCK_LOG" 2>&1 &
  MOCK_PID=$!
  MOCK_URL=""
  for _ in $(seq 1 100); do
    MOCK_URL=$(grep -o 'http://[^ ]*/v1' "$MOCK_LOG" || true)
    [ -n "$MOCK_URL" ] && return 0
    if ! kill -0 "$MOCK_PID" 2>/dev/null; then
      echo "mock-llm exited:" >&2
      cat "$MOCK_LOG" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "mock-llm did not report its URL within 10 s:" >&2
  cat "$MOCK_LOG" >&2
  return 1
}

stop_mock() {
  if [ -n "$MOCK_PID" ]; then
    kill "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
    MOCK_PID=""
  fi
}

trap 'stop_mock; rm -f "$MOCK_LOG"' EXIT

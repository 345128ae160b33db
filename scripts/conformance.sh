#!/usr/bin/env bash
# Runs the official OpenAI Python SDK against mock-llm (conformance/*.py).
#
#   scripts/conformance.sh              # build, start the server on a free port, run pytest, stop
#   SCRATCH_PATH=.build-mock scripts/conformance.sh -k streaming
#
# Makes .venv-conformance (pip installs conformance/requirements.txt from PyPI) on first use.
# Exits with pytest's status: non-zero when any check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH_PATH=${SCRATCH_PATH:-.build}
VENV=.venv-conformance
PYTHON=${PYTHON:-python3}

if [ ! -x "$VENV/bin/pytest" ]; then
  echo "conformance: creating $VENV" >&2
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r conformance/requirements.txt
fi

echo "conformance: building mock-llm" >&2
swift build --product mock-llm --scratch-path "$SCRATCH_PATH" >&2
BIN="$(swift build --product mock-llm --scratch-path "$SCRATCH_PATH" --show-bin-path)/mock-llm"

LOG=$(mktemp)
"$BIN" --scenario conformance --port 0 --log-level warning >"$LOG" 2>&1 &
SERVER_PID=$!
cleanup() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -f "$LOG"
}
trap cleanup EXIT

URL=""
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://[^ ]*/v1' "$LOG" || true)
  [ -n "$URL" ] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "conformance: mock-llm exited:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "conformance: mock-llm did not report its URL within 10 s" >&2
  cat "$LOG" >&2
  exit 1
fi
echo "conformance: mock-llm at $URL" >&2

MOCK_LLM_BASE_URL="$URL" "$VENV/bin/pytest" -q -p no:cacheprovider conformance "$@"

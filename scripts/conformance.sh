#!/usr/bin/env bash
# Runs the official OpenAI Python SDK and the OpenAI Agents SDK against mock-llm (conformance/*.py).
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
fi
# (Re)install when the requirements change.
if ! cmp -s conformance/requirements.txt "$VENV/requirements.txt"; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r conformance/requirements.txt
  cp conformance/requirements.txt "$VENV/requirements.txt"
fi

echo "conformance: building mock-llm" >&2
swift build --product mock-llm --scratch-path "$SCRATCH_PATH" >&2
BIN="$(swift build --product mock-llm --scratch-path "$SCRATCH_PATH" --show-bin-path)/mock-llm"

source scripts/lib/mock-server.sh
start_mock "$BIN" --scenario conformance
echo "conformance: mock-llm at $MOCK_URL" >&2

MOCK_LLM_PID="$MOCK_PID" MOCK_LLM_BIN="$BIN" MOCK_LLM_BASE_URL="$MOCK_URL" "$VENV/bin/pytest" -q -p no:cacheprovider conformance "$@"

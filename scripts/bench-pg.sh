#!/usr/bin/env bash
# The PostgreSQL queue's benchmarks, as figures (never as timed tests): claim-and-complete tasks/s
# with 1, 2, 4 and 8 worker processes, claims of one task and of a batch, and the p50/p99
# enqueue-to-start latency of idle workers woken by LISTEN/NOTIFY. Starts a throwaway server
# (scripts/postgres.sh) unless AGENT_LABS_POSTGRES_URL names one. Release build.
#
#   scripts/bench-pg.sh [tasks per run]        (SWIFT_BUILD_FLAGS="--scratch-path DIR" to build elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
tasks="${1:-20000}"
# shellcheck disable=SC2086
swift build -c release ${SWIFT_BUILD_FLAGS:-} --traits PostgreSQL --product ch21-production >/dev/null
# shellcheck disable=SC2086
bin="$(swift build -c release ${SWIFT_BUILD_FLAGS:-} --traits PostgreSQL --product ch21-production --show-bin-path)/ch21-production"
url="${AGENT_LABS_POSTGRES_URL:-}"
if [[ -z "$url" ]]; then
  export AGENT_LABS_PG_PORT="${AGENT_LABS_PG_PORT:-55450}"
  url="$(scripts/postgres.sh start | tail -1)"
  trap 'scripts/postgres.sh stop' EXIT
fi
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "server: $(psql -X -At "$url" -c "SELECT version()" | cut -d' ' -f1-2), $(psql -X -At "$url" -c "SHOW synchronous_commit") synchronous_commit, fsync $(psql -X -At "$url" -c "SHOW fsync")"
"$bin" bench-pg --postgres "$url" --workers 1,2,4,8 --tasks "$tasks"

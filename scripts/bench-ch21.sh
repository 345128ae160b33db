#!/usr/bin/env bash
# Chapter 21's benchmarks, as figures (never as timed tests): claim-and-complete tasks/s on the
# SQLite queue with 1, 2, 4 and 8 worker processes, enqueue tasks/s, p50/p99 claim latency, and
# the cost of one save in chapter 11's JSON-file store against the SQLite store at 100 to
# 100,000 tasks. Release build.
#
#   scripts/bench-ch21.sh [tasks per run]        (SWIFT_BUILD_FLAGS="--scratch-path DIR" to build elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
tasks="${1:-20000}"
# shellcheck disable=SC2086
swift build -c release ${SWIFT_BUILD_FLAGS:-} --product ch21-production >/dev/null
# shellcheck disable=SC2086
bin="$(swift build -c release ${SWIFT_BUILD_FLAGS:-} --product ch21-production --show-bin-path)/ch21-production"
echo "machine: $(nproc) cores, $(uname -sr)"
"$bin" bench queue --workers 1,2,4,8 --tasks "$tasks" --batch 32
echo
"$bin" bench queue --workers 1,2,4,8 --tasks "$tasks" --batch 8
echo
"$bin" bench stores --sizes 100,1000,10000,100000

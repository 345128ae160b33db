#!/usr/bin/env bash
# Times the grader on this machine (figures, not a test):
#   1. one complete submission (the chapter 11 solution placed in labs/) after a warm build;
#   2. the student's loop: edit one lab file, then `swift run grade ch11-state` (goal ≤ 20 s).
# labs/ch11-state is put back as it was at the end.
set -euo pipefail
KIT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$KIT"
swift build --product grade >/dev/null
swift build --product ch11-state >/dev/null
bin="$(swift build --show-bin-path)"
backup="$(mktemp -d)"
cp -a labs/ch11-state "$backup/"
trap 'rm -rf labs/ch11-state && cp -a "$backup/ch11-state" labs/ && rm -rf "$backup"' EXIT

seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

cp solutions/ch11-state/*.swift labs/ch11-state/
start=$(date +%s.%N)
"$bin/grade" ch11-state >/tmp/bench-grade-1.txt 2>&1 || true
end=$(date +%s.%N)
echo "one complete submission after a warm build (build of the lab + 28 checks, one process each): $(seconds "$start" "$end") s"
tail -1 /tmp/bench-grade-1.txt

start=$(date +%s.%N)
"$bin/grade" ch11-state >/tmp/bench-grade-2.txt 2>&1 || true
end=$(date +%s.%N)
echo "the same again, nothing changed (no-op build + checks): $(seconds "$start" "$end") s"

echo "// saved again" >> labs/ch11-state/Retry.swift
start=$(date +%s.%N)
swift run grade ch11-state >/tmp/bench-grade-3.txt 2>&1 || true
end=$(date +%s.%N)
echo "student's loop: edit labs/ch11-state/Retry.swift, then swift run grade ch11-state: $(seconds "$start" "$end") s (goal ≤ 20 s)"
tail -1 /tmp/bench-grade-3.txt

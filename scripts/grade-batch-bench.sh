#!/usr/bin/env bash
# A batch of 30 generated submissions (solved, partly solved, not attempted, broken, hostile,
# unreadable; as kit copies, labs/ copies and zips), graded with --jobs 2: prints the wall time
# and checks every submission's verdict against what its generator expects.
#   scripts/grade-batch-bench.sh [OUT] [JOBS]     (default OUT: .build/grade-batch, JOBS: 2)
set -euo pipefail
KIT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$KIT"
source scripts/lib/grade-submissions.sh
OUT="${1:-$KIT/.build/grade-batch}"
JOBS="${2:-2}"
rm -rf "$OUT"; mkdir -p "$OUT/submissions"
S="$OUT/submissions"
expect() { printf '%s\t%s\n' "$1" "$2" >>"$OUT/expected.tsv"; }

swift build --product grade >/dev/null
swift build --product ch11-state >/dev/null
bin="$(swift build --show-bin-path)"

# Solved, in every shape a submission comes in.
solved_labs "$S/solved-labs-1"; expect solved-labs-1 full
solved_labs "$S/solved-labs-2"; expect solved-labs-2 full
kit_copy "$S/solved-kit-1"; rm -rf "$S/solved-kit-1/labs"; solved_labs "$S/solved-kit-1"; expect solved-kit-1 full
mkdir -p "$OUT/tmp/labs-only"; solved_labs "$OUT/tmp/labs-only"; mv "$OUT/tmp/labs-only/labs" "$S/solved-only-labs"; expect solved-only-labs full
kit_copy "$OUT/tmp/zip-kit/student-zip"; rm -rf "$OUT/tmp/zip-kit/student-zip/labs"; solved_labs "$OUT/tmp/zip-kit/student-zip"
(cd "$OUT/tmp/zip-kit" && zip -qr "$S/solved-zip-kit.zip" student-zip); expect solved-zip-kit full
solved_labs "$OUT/tmp/zip-labs"; (cd "$OUT/tmp/zip-labs" && zip -qr "$S/solved-zip-labs.zip" labs); expect solved-zip-labs full

# Partly solved: some exercises from the solution, the rest stubs.
partial() {  # NAME FILE...
  local name="$1"; shift
  starter_labs "$S/$name"
  for file in "$@"; do cp "solutions/ch11-state/$file" "$S/$name/labs/ch11-state/$file"; done
  expect "$name" partial
}
partial partial-retry Retry.swift
partial partial-retry-idempotency Retry.swift Idempotency.swift
partial partial-deadline Idempotency.swift Deadline.swift
partial partial-persistence Persistence.swift
partial partial-most Retry.swift Idempotency.swift Resume.swift Deadline.swift
partial partial-resume Idempotency.swift Resume.swift

# Not attempted: the starter as it was handed out.
for i in 1 2 3; do starter_labs "$S/pristine-$i"; expect "pristine-$i" not_attempted; done
kit_copy "$S/pristine-kit"; expect pristine-kit not_attempted
mkdir -p "$OUT/tmp/pz"; starter_labs "$OUT/tmp/pz"; (cd "$OUT/tmp/pz" && zip -qr "$S/pristine-zip.zip" labs); expect pristine-zip not_attempted

# Broken: does not compile.
for file in Retry.swift Deadline.swift Persistence.swift Resume.swift; do
  name="broken-${file%.swift}"
  solved_labs "$S/$name"
  printf '\nlet broken: Int = "%s"\n' "$file" >>"$S/$name/labs/ch11-state/$file"
  expect "$name" compile_error
done

# Hostile: one check gets the fixture's status, the rest pass.
for fixture in infinite-loop fatal-error huge-output stack-overflow fork-bomb allocate-20gb deadlock; do
  hostile_labs "$S/hostile-$fixture" "scripts/grade-fixtures/hostile/$fixture.swift"
  expect "hostile-$fixture" "hostile:$(sed -n 's|^// expect: \([a-z_]*\).*|\1|p' "scripts/grade-fixtures/hostile/$fixture.swift")"
done

# Unreadable: a zip that is not one, and a folder with no labs.
echo "not a zip" >"$S/garbage.zip"; expect garbage error
mkdir -p "$S/empty-folder"; echo "hello" >"$S/empty-folder/notes.txt"; expect empty-folder error
rm -rf "$OUT/tmp"

count=$(wc -l <"$OUT/expected.tsv")
echo "grading $count submissions with --jobs $JOBS…"
start=$(date +%s.%N)
set +e
"$bin/grade" --submissions "$S" --jobs "$JOBS" --format json,gradescope,exercism,junit,html --output "$OUT/reports" >"$OUT/grade.log" 2>&1
status=$?
set -e
end=$(date +%s.%N)
python3 - "$OUT" "$status" "$start" "$end" <<'PY'
import json, pathlib, sys
out, status, start, end = pathlib.Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
target = "ch11.retry.long-schedule"
summary = {row["submission"]: row for row in json.loads((out / "reports/summary.json").read_text())["rows"]}
bad, lines = [], []
for line in (out / "expected.tsv").read_text().splitlines():
    name, want = line.split("\t")
    grade = json.loads((out / "reports" / name / "grade.json").read_text())
    # The submissions are chapter 11 work: the other chapters are their pristine starters.
    chapter = next((c for c in grade["chapters"] if c["chapter"] == "ch11-state"), None)
    score, top = (chapter["score"], chapter["max_score"]) if chapter else (grade["score"], grade["max_score"])
    if want == "full": ok, got = score == top and top > 0, f"{score}/{top}"
    elif want == "partial":
        ok, got = chapter["build_status"] == "ok" and 0 < score < top, f"{score}/{top}"
    elif want in ("not_attempted", "compile_error"):
        ok, got = chapter is not None and chapter["build_status"] == want and score == 0, chapter["build_status"] if chapter else grade.get("error")
    elif want == "error": ok, got = grade.get("error") is not None and score == 0, f'error: {grade.get("error")}'
    else:
        status_wanted = want.split(":")[1]
        checks = {c["id"]: c for c in chapter["checks"]}
        others_pass = all(c["status"] == "pass" for i, c in checks.items() if i != target)
        ok = checks[target]["status"] == status_wanted and others_pass
        got = f'{target}={checks[target]["status"]}, others {"pass" if others_pass else "NOT all pass"}, {score}/{top}'
    ok = ok and name in summary
    lines.append(f'{"ok " if ok else "BAD"} {name:28} expected {want:22} got {got}')
    if not ok: bad.append(name)
print("\n".join(lines))
print(f"{len(lines)} submissions, --jobs from the command line, wall time {end - start:.0f} s, grader exit status {status}")
for report in ["summary.csv", "summary.json", "junit.xml", "index.html"]:
    assert (out / "reports" / report).exists(), report
if bad or status not in ("0", "1"): sys.exit(f"batch: unexpected verdicts for {bad}")
print("batch: every verdict as expected")
PY

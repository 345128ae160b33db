#!/usr/bin/env bash
# The hostile-submission suite: each fixture in scripts/grade-fixtures/hostile/ is the chapter 11
# solution with hostile code at the top of executeWithRetry, run only by the one check that
# calls it with maxAttempts 7 (ch11.retry.long-schedule). Each must get its expected status
# (the fixture's `// expect:` line), every other check must still pass, lab 02 (solved in the
# same submission) must keep full marks, and the grader must finish. Also: a submission that edits a check file, and a solved control.
#   scripts/grade-hostile.sh [OUT]      (default OUT: .build/grade-hostile)
set -euo pipefail
KIT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$KIT"
source scripts/lib/grade-submissions.sh
OUT="${1:-$KIT/.build/grade-hostile}"
rm -rf "$OUT"; mkdir -p "$OUT"
SUBMISSIONS="$OUT/submissions"
mkdir -p "$SUBMISSIONS"

swift build --product grade >/dev/null
swift build --product ch11-state >/dev/null
swift build --product lab02-tools >/dev/null
bin="$(swift build --show-bin-path)"

for fixture in scripts/grade-fixtures/hostile/*.swift; do
  hostile_labs "$SUBMISSIONS/$(basename "$fixture" .swift)" "$fixture"
done
solved_labs "$SUBMISSIONS/control-solved"
# A whole kit whose check files are edited to pass everything, with the stubs barely touched.
kit_copy "$SUBMISSIONS/edit-check-file"
python3 - "$SUBMISSIONS/edit-check-file" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
for path in (root / "Sources/Ch11Checks").glob("Ch11Checks+*.swift"):
    text = path.read_text().replace("throw CheckFailure(", "return; _ = (")
    path.write_text("// every check passes now\n" + text)
(root / "labs/ch11-state/Retry.swift").write_text((root / "labs/ch11-state/Retry.swift").read_text() + "\n// I was here\n")
PY

# A listener on the grader's loopback: a contained check cannot reach it.
python3 -c '
import socket, sys
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 47613)); server.listen(16)
log = open(sys.argv[1], "a")
while True:
    connection, _ = server.accept(); log.write("connection\n"); log.flush(); connection.close()
' "$OUT/network.log" &
listener=$!
trap 'kill $listener 2>/dev/null || true' EXIT
rm -f /root/agent-labs-escape.txt /tmp/agent-labs-escape.txt labs/ch11-state/escape.txt Sources/Ch11Checks/escape.txt

start=$(date +%s.%N)
set +e
"$bin/grade" --submissions "$SUBMISSIONS" --jobs 2 --format json,junit,html --output "$OUT/reports" >"$OUT/grade.log" 2>&1
status=$?
set -e
end=$(date +%s.%N)
survivors=$(pgrep -fc "sleep 301" || true)
escaped=()
for path in /root/agent-labs-escape.txt /tmp/agent-labs-escape.txt labs/ch11-state/escape.txt Sources/Ch11Checks/escape.txt; do
  if [[ -e "$path" ]]; then escaped+=("$path"); rm -f "$path"; fi
done
connections=$(wc -l <"$OUT/network.log" 2>/dev/null || echo 0)

python3 - "$OUT/reports" "$status" "$(echo "$end - $start" | bc)" "$survivors" "${#escaped[@]}" "$connections" "${escaped[*]:-}" <<'PY'
import json, pathlib, re, sys
reports, status, seconds, survivors, escapes, connections, escaped = sys.argv[1:8]
target = "ch11.retry.long-schedule"
fixtures = {p.stem: p.read_text() for p in pathlib.Path("scripts/grade-fixtures/hostile").glob("*.swift")}
expected = {name: re.search(r"// expect: (\S+)( truncated)?", text).groups() for name, text in fixtures.items()}
contained = None
rows, bad, details = [], [], []
for case in sorted(expected) + ["edit-check-file", "control-solved"]:
    grade = json.loads((pathlib.Path(reports) / case / "grade.json").read_text())
    contained = grade["containment"]["contained"]
    chapters = {c["chapter"]: c for c in grade["chapters"]}
    chapter = chapters["ch11-state"]
    lab02 = chapters.get("lab02-tools")
    checks = {c["id"]: c for c in chapter["checks"]}
    others = [c for i, c in checks.items() if i != target]
    if case == "edit-check-file":
        want, got = "fail (score 0)", f'{checks[target]["status"]} (score {chapter["score"]})'
        ok = chapter["score"] == 0 and all(c["status"] == "fail" for c in checks.values())
        intact = "n/a (all stubs)"
    elif case == "control-solved":
        want, got = "pass (full marks)", f'{checks[target]["status"]} ({chapter["score"]}/{chapter["max_score"]})'
        ok = chapter["score"] == chapter["max_score"] and chapter["max_score"] > 0
        intact = "yes"
    elif expected[case][0] == "compile_error":
        want = "compile_error"
        diag = chapter["diagnostics"][0] if chapter["diagnostics"] else {}
        got = f'{chapter["build_status"]} ({diag.get("file")}:{diag.get("line")})'
        ok = chapter["build_status"] == "compile_error" and diag.get("file", "").startswith("labs/ch11-state/")
        intact = "n/a (chapter did not compile)"
    else:
        if case == "network" and not contained:
            expected[case] = ("crash", None)  # uncontained, it reaches the listener and says so by crashing
        want = expected[case][0] + (" + output truncated" if expected[case][1] else "")
        check = checks[target]
        got = check["status"] + (" + output truncated" if check["output_truncated"] else "")
        ok = check["status"] == expected[case][0] and (not expected[case][1] or check["output_truncated"])
        if case == "real-sleep":
            ok = ok and "instead of the injected clock" in (check["message"] or "")
        if expected[case][0] == "crash" or case in ("infinite-loop", "deadlock", "real-sleep"):
            got += f' ({(check["message"] or "")[:60]})' 
        intact_ok = all(c["status"] == "pass" for c in others)
        failing = [f'{c["id"]}={c["status"]}' for c in others if c["status"] != "pass"]
        intact = f'yes ({len(others)} others pass)' if intact_ok else f'NO: {len(failing)} others did not pass, first {failing[0]}' 
        ok = ok and intact_ok
    if case in expected:
        # The other chapter in the submission, lab 02 solved, keeps its full marks.
        lab02_ok = lab02 is not None and lab02["score"] == lab02["max_score"] and lab02["max_score"] > 0
        intact += f'; lab02-tools {lab02["score"]}/{lab02["max_score"]}' if lab02 else "; lab02-tools missing"
        if lab02 and not lab02_ok:
            lost = [c for c in lab02["checks"] if c["status"] != "pass"]
            details.extend(f'{case}: {c["id"]} {c["status"]} after {c["duration_ms"]:.0f} ms: {(c["message"] or "")[:400]}'
                           + (f'; its output ends: {c["output"][-400:]!r}' if c.get("output") else "") for c in lost)
        ok = ok and lab02_ok
    rows.append((case, want, got, "yes" if ok else "NO", intact))
    if not ok: bad.append(case)
width = [max(len(r[i]) for r in rows + [("case", "expected", "got", "ok", "other checks")]) for i in range(5)]
print(" | ".join(h.ljust(w) for h, w in zip(("case", "expected", "got", "ok", "other checks"), width)))
for row in rows: print(" | ".join(c.ljust(w) for c, w in zip(row, width)))
for line in details: print("  " + line)
print(f"grader exit status {status} (1 = some check did not pass), {float(seconds):.0f} s for {len(rows)} submissions with --jobs 2")
print(f"contained: {contained}; fork-bomb survivors after grading: {survivors}; files written outside scratch: {escapes} {escaped}; connections that reached the loopback listener: {connections}")
problems = list(bad)
if status not in ("0", "1"): problems.append(f"grader exit status {status}")
if int(survivors): problems.append(f"{survivors} fork-bomb processes survived")
if contained and int(escapes): problems.append("a contained run wrote outside its scratch folder")
if contained and int(connections): problems.append("a contained run reached the network")
if problems: sys.exit("hostile suite: " + "; ".join(problems))
print("hostile suite: every case as expected")
PY

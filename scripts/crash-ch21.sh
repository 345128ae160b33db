#!/usr/bin/env bash
# Exactly-once effects under crashes: a 1,000-task run of chapter 21's demo with 4 worker
# processes, during which a random worker is killed with SIGKILL 20 times (its supervisor starts
# it again) and one is frozen past its lease (SIGSTOP, then SIGCONT: its late work must be
# refused by fencing). Then the effect ledger, read straight from the SQLite file, must show
# every task completed, no effect applied twice, none lost.
#
#   scripts/crash-ch21.sh [tasks] [kills]
set -euo pipefail
cd "$(dirname "$0")/.."
tasks="${1:-1000}"
kills_wanted="${2:-20}"

scripts/setup.sh procps   # pgrep, to find the supervisor's worker processes
swift build --product ch21-production >/dev/null
bin="$(swift build --product ch21-production --show-bin-path)/ch21-production"
dir="$(mktemp -d /tmp/ch21-crash-XXXXXX)"
trap 'rm -rf "$dir"' EXIT

"$bin" run --solution --state-dir "$dir" --workers 4 --concurrency 2 --work-ms 80 --tasks "$tasks" --max-attempts 30 \
  >"$dir/run.log" 2>&1 &
supervisor=$!

kills=0
froze=0
start=$(date +%s)
while (( kills < kills_wanted )) && kill -0 "$supervisor" 2>/dev/null; do
  sleep "0.$(( RANDOM % 3 + 1 ))"
  mapfile -t workers < <(pgrep -P "$supervisor" || true)
  (( ${#workers[@]} > 0 )) || continue
  victim="${workers[RANDOM % ${#workers[@]}]}"
  if (( kills == kills_wanted / 2 && froze == 0 )); then
    # Frozen for longer than the 4 s lease: its tasks are rescued by the others, and whatever it
    # does once it wakes up must be refused.
    if kill -STOP "$victim" 2>/dev/null; then
      froze=1
      ( sleep 6; kill -CONT "$victim" 2>/dev/null || true ) &
      continue
    fi
  fi
  if kill -9 "$victim" 2>/dev/null; then kills=$(( kills + 1 )); fi
done

status=0
wait "$supervisor" || status=$?
elapsed=$(( $(date +%s) - start ))
echo "--- the run's output (last lines)"
tail -n 6 "$dir/run.log"
echo "---"

python3 - "$dir/queue.sqlite" "$tasks" "$kills" "$kills_wanted" "$froze" "$status" "$elapsed" <<'PY'
import sqlite3, sys
path, tasks, kills, wanted, froze, status, elapsed = sys.argv[1], *map(int, sys.argv[2:])
db = sqlite3.connect(path)
states = dict(db.execute("SELECT state, COUNT(*) FROM queue_task GROUP BY state").fetchall())
completed = states.get("completed", 0)
per_task = dict(db.execute("SELECT task_id, COUNT(*) FROM queue_effect GROUP BY task_id").fetchall())
doubled = sorted(t for t, n in per_task.items() if n > 1)
ids = [row[0] for row in db.execute("SELECT id FROM queue_task")]
lost = [t for t in ids if per_task.get(t, 0) == 0]
rescued = db.execute("SELECT COUNT(*) FROM queue_task WHERE attempts > 1").fetchone()[0]
print(f"kills: {kills} (SIGKILL), frozen past the lease: {froze}, run exit status: {status}, {elapsed} s")
print(f"tasks: {len(ids)}, completed: {completed}, tasks run more than once: {rescued}")
print(f"effects: {sum(per_task.values())}, doubled: {len(doubled)}, lost: {len(lost)}")
problems = []
if kills < wanted: problems.append(f"only {kills} of {wanted} kills happened before the run ended")
if status != 0: problems.append(f"the run exited with status {status}")
if len(ids) != tasks or completed != tasks: problems.append(f"expected {tasks} completed tasks, got {completed} of {len(ids)} ({states})")
if doubled: problems.append(f"effects applied twice: {doubled[:10]}")
if lost: problems.append(f"tasks without their effect: {lost[:10]}")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print("ok: every task completed, no effect applied twice, none lost")
PY

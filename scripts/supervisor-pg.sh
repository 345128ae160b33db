#!/usr/bin/env bash
# A supervisor must start again every worker killed while it waits on the queue. Chapter 21's
# demo runs on PostgreSQL with 2 worker processes; the queue's table is locked (so the
# supervisor's progress read waits), both workers are killed with SIGKILL meanwhile, and the
# lock is released. The supervisor must start both again and finish every task; a supervisor
# that takes "no worker is running" for "every worker has ended" gives up with tasks unfinished.
#
#   scripts/supervisor-pg.sh URL [ch21-production binary built with --traits PostgreSQL]
#   (URL: a PostgreSQL server's postgres://user@host:port/database, such as scripts/postgres.sh start prints)
set -euo pipefail
cd "$(dirname "$0")/.."
url="${1:?usage: scripts/supervisor-pg.sh URL [ch21-production binary]}"
bin="${2:-}"
if [[ -z "$bin" ]]; then
  swift build --product ch21-production --traits PostgreSQL >/dev/null
  bin="$(swift build --product ch21-production --traits PostgreSQL --show-bin-path)/ch21-production"
fi
say() { echo "supervisor-pg: $*"; }
sql() { psql "$url" -XAtq -c "$1"; }
work="$(mktemp -d /tmp/supervisor-pg-XXXXXX)"
locker=""
cleanup() {
  [[ -n "$locker" ]] && kill "$locker" 2>/dev/null
  [[ -n "${supervisor:-}" ]] && kill -9 "$supervisor" $(pgrep -P "$supervisor" 2>/dev/null) 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
tasks=300

# A queue of this run's own: an earlier run's tasks must not count as this one's progress.
sql "DROP SCHEMA IF EXISTS ch21_queue CASCADE" >/dev/null 2>&1
"$bin" run --solution --postgres "$url" --state-dir "$work" --workers 2 --concurrency 4 --work-ms 100 \
  --tasks "$tasks" --fresh >"$work/run.log" 2>&1 &
supervisor=$!

# Under way: some tasks completed.
for _ in $(seq 600); do
  done_now="$(sql "SELECT count(*) FROM ch21_queue.queue_task WHERE state = 'completed'" 2>/dev/null || echo 0)"
  (( done_now >= 20 )) && break
  kill -0 "$supervisor" 2>/dev/null || { say "the run ended before the test began:"; tail -5 "$work/run.log"; exit 1; }
  sleep 0.1
done

# The lock: every statement on the queue's table waits until it is released, 3 s later.
psql "$url" -XAtq -v ON_ERROR_STOP=1 -c "BEGIN; LOCK TABLE ch21_queue.queue_task IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT;" \
  >"$work/lock.log" 2>&1 &
locker=$!
for _ in $(seq 50); do
  [[ "$(sql "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND relation = 'ch21_queue.queue_task'::regclass AND granted")" == 1 ]] && break
  sleep 0.05
done
sleep 0.5 # the supervisor's next progress read (every 100 ms) is waiting on the lock now
mapfile -t workers < <(pgrep -P "$supervisor" || true)
kill -9 "${workers[@]}"
say "queue table locked; killed both workers (${workers[*]}) while the supervisor waited on it"
if ! wait "$locker"; then locker=""; say "FAILED: the lock's transaction failed:"; cat "$work/lock.log"; exit 1; fi
locker=""

status=0
deadline=$((SECONDS + 120))
while kill -0 "$supervisor" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
if kill -0 "$supervisor" 2>/dev/null; then
  say "FAILED: the run did not finish within 2 minutes of the lock's release"; tail -5 "$work/run.log"; exit 1
fi
wait "$supervisor" || status=$?
supervisor=""
restarted="$(grep -c "was killed by signal 9: started again" "$work/run.log" || true)"
completed="$(sql "SELECT count(*) FROM ch21_queue.queue_task WHERE state = 'completed'")"
say "run exit status $status; workers started again after SIGKILL: $restarted of 2; completed: $completed of $tasks"
if (( status != 0 || restarted != 2 || completed != tasks )); then
  say "FAILED; the run's last lines:"; tail -5 "$work/run.log"; exit 1
fi
say "ok: both workers started again, every task completed"

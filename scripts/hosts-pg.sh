#!/usr/bin/env bash
# Several hosts, one queue: chapter 21's demo with its PostgreSQL queue, worked by three hosts
# (network namespaces) of 2 worker processes each, over 2,000 tasks, while it is attacked:
#   - worker processes are killed with SIGKILL 20 times (their supervisors start them again);
#   - one host's link to the database is cut for longer than the lease, then restored: the
#     other hosts rescue its tasks, and its late completions are refused by fencing;
#   - the PostgreSQL server is restarted once (pg_ctl restart -m fast): every connection is cut,
#     and the workers reconnect and carry on.
# Then, from the effect ledger: every task completed, no effect applied twice, none lost.
#
# The database host is a namespace of its own (labs-pg), joined to each worker host (labs-h1..3)
# by a veth pair on addresses that exist only inside these namespaces (10.77.N.1 and 10.77.N.2).
# Where network namespaces are not permitted, the three hosts share loopback instead, and the
# cut is played by stopping the host's processes (SIGSTOP) for longer than the lease.
#
#   scripts/hosts-pg.sh [ch21-production binary built with --traits PostgreSQL]
#   HOSTS_NO_NETNS=1 scripts/hosts-pg.sh …     the loopback variant, even where namespaces work
set -euo pipefail
cd "$(dirname "$0")/.."

tasks="${HOSTS_TASKS:-2000}"
work_ms="${HOSTS_WORK_MS:-300}"
kills=20
port="${AGENT_LABS_PG_HOSTS_PORT:-55440}"
bin="${1:-}"
if [[ -z "$bin" ]]; then
  swift build --product ch21-production --traits PostgreSQL >/dev/null
  bin="$(swift build --product ch21-production --traits PostgreSQL --show-bin-path)/ch21-production"
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
work="$(mktemp -d /tmp/hosts-pg-XXXXXX)"
chmod 755 "$work"
say() { echo "hosts-pg: $*"; }

namespaces=1
if [[ -n "${HOSTS_NO_NETNS:-}" ]] || [[ "$(id -u)" != 0 ]] || ! ip netns add labs-probe-$$ 2>/dev/null; then
  namespaces=0
  say "no network namespaces (HOSTS_NO_NETNS is set, or ip netns add failed here): the three hosts share loopback, and the link cut is played by SIGSTOP"
else
  ip netns del labs-probe-$$
fi

pgns=() # the command prefix that runs a command on the database host
cleanup() {
  set +e
  for pid in "${supervisors[@]:-}"; do kill -9 "$pid" 2>/dev/null; done
  AGENT_LABS_PG_PORT="$port" AGENT_LABS_PG_DIR="$work/pg" "${pgns[@]}" scripts/postgres.sh stop >/dev/null 2>&1
  if [[ "$namespaces" == 1 ]]; then
    for ns in labs-h1 labs-h2 labs-h3 labs-pg; do ip netns del "$ns" 2>/dev/null; done
  fi
  # The hosts' logs outlive the run, for a look after a failure.
  mkdir -p /tmp/hosts-pg-last && cp "$work"/h*.log /tmp/hosts-pg-last/ 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

declare -A host_url
if [[ "$namespaces" == 1 ]]; then
  for ns in labs-h1 labs-h2 labs-h3 labs-pg; do ip netns del "$ns" 2>/dev/null || true; done
  ip netns add labs-pg
  ip -n labs-pg link set lo up
  listen="127.0.0.1"
  for i in 1 2 3; do
    ip netns add "labs-h$i"
    ip -n "labs-h$i" link set lo up
    ip link add "h$i-db" netns labs-pg type veth peer name eth0 netns "labs-h$i"
    ip -n labs-pg addr add "10.77.$i.1/24" dev "h$i-db"
    ip -n labs-pg link set "h$i-db" up
    ip -n "labs-h$i" addr add "10.77.$i.2/24" dev eth0
    ip -n "labs-h$i" link set eth0 up
    listen="$listen,10.77.$i.1"
    host_url[$i]="postgres://labs@10.77.$i.1:$port/labs"
  done
  pgns=(ip netns exec labs-pg)
  say "namespaces: labs-pg (PostgreSQL on 10.77.1.1, 10.77.2.1, 10.77.3.1) and labs-h1..3 (10.77.N.2), joined by veth pairs"
else
  listen="127.0.0.1"
  for i in 1 2 3; do host_url[$i]="postgres://labs@127.0.0.1:$port/labs"; done
fi

export AGENT_LABS_PG_PORT="$port" AGENT_LABS_PG_DIR="$work/pg" AGENT_LABS_PG_LISTEN="$listen" AGENT_LABS_PG_CLIENTS="10.77.0.0/16"
"${pgns[@]}" scripts/postgres.sh start >/dev/null
sql() { "${pgns[@]}" scripts/postgres.sh psql -At -c "$1"; }

supervisors=()
start_host() {
  local i="$1"; shift
  local command=("$bin" run --solution --postgres "${host_url[$i]}" --state-dir "$work/h$i" --workers 2 --work-ms "$work_ms" "$@")
  if [[ "$namespaces" == 1 ]]; then
    ip netns exec "labs-h$i" "${command[@]}" >"$work/h$i.log" 2>&1 &
  else
    "${command[@]}" >"$work/h$i.log" 2>&1 &
  fi
  supervisors[$i]=$!
}

start_host 1 --tasks "$tasks" --fresh
for _ in $(seq 1 600); do
  [[ "$(sql "SELECT count(*) FROM ch21_queue.queue_task" 2>/dev/null || echo 0)" == "$tasks" ]] && break
  sleep 0.1
done
if [[ "$(sql "SELECT count(*) FROM ch21_queue.queue_task" 2>/dev/null || echo 0)" != "$tasks" ]]; then
  say "FAILED: host 1 did not enqueue $tasks tasks within a minute"; tail -5 "$work/h1.log"; exit 1
fi
start_host 2 --join
start_host 3 --join --worker-log-level notice
say "3 hosts × 2 worker processes on one queue of $tasks tasks (work ${work_ms} ms each)"

progress() { sql "SELECT count(*) FILTER (WHERE state = 'completed') FROM ch21_queue.queue_task" 2>/dev/null || echo 0; }
wait_for_completed() {
  for _ in $(seq 1 1500); do
    (( $(progress) >= $1 )) && return
    sleep 0.2
  done
  say "FAILED: fewer than $1 tasks completed after 5 minutes"; tail -5 "$work"/h*.log; exit 1
}

# 20 kills, spread over the three hosts: a random worker process of a random host.
killed=0
# Kills a worker of a random host. A host may have none running for a moment (its supervisor
# starts again the ones it lost once its wait on the database ends): then another try, up to 5 s.
kill_one() {
  local i pids
  for _ in $(seq 50); do
    i=$((RANDOM % 3 + 1))
    mapfile -t pids < <(pgrep -P "${supervisors[$i]}" || true)
    if (( ${#pids[@]} > 0 )) && kill -9 "${pids[$((RANDOM % ${#pids[@]}))]}" 2>/dev/null; then
      killed=$((killed + 1))
      return 0
    fi
    sleep 0.1
  done
}

wait_for_completed $((tasks / 10))
for _ in 1 2 3 4 5 6 7 8 9 10; do kill_one; sleep 0.3; done

# The cut: host 3 loses its link for 3 leases (the lease is 4 s). What it held is read once it
# is cut off, when it can change nothing more.
if [[ "$namespaces" == 1 ]]; then
  ip -n labs-pg link set h3-db down
else
  kill -STOP "${supervisors[3]}" $(pgrep -P "${supervisors[3]}") 2>/dev/null || true
fi
cut_at=$(date +%s%N)
# A worker's lease name ends with its process id.
h3_workers="$(pgrep -P "${supervisors[3]}" | paste -sd, -)"
h3_held="state = 'running' AND substring(lease_worker FROM '[0-9]+$') = ANY (string_to_array('$h3_workers', ','))"
held="$(sql "SELECT COALESCE(string_agg(id || ':' || lease_version, ','), '') FROM ch21_queue.queue_task WHERE $h3_held")"
held_count="$(sql "SELECT count(*) FROM ch21_queue.queue_task WHERE $h3_held")"
# Those tasks (t), each with the lease version host 3 held (h.version), for the queries below.
held_tasks="ch21_queue.queue_task t JOIN (SELECT split_part(pair, ':', 1) AS id, split_part(pair, ':', 2)::bigint AS version
  FROM unnest(string_to_array('$held', ',')) AS pair) h ON t.id = h.id"
say "host 3 cut off, holding $held_count running tasks"
sleep 12
rescued_while_cut="$(sql "SELECT count(*) FROM $held_tasks WHERE NOT (t.state = 'running' AND t.lease_version = h.version)")"
if [[ "$namespaces" == 1 ]]; then
  ip -n labs-pg link set h3-db up
else
  kill -CONT "${supervisors[3]}" $(pgrep -P "${supervisors[3]}") 2>/dev/null || true
fi
cut_ms=$(( ($(date +%s%N) - cut_at) / 1000000 ))
say "host 3 back after $cut_ms ms; meanwhile the other hosts rescued $rescued_while_cut of its $held_count tasks (its leases expired)"

for _ in 1 2 3 4 5; do kill_one; sleep 0.3; done
say "restarting PostgreSQL (pg_ctl restart -m fast)"
"${pgns[@]}" scripts/postgres.sh restart
restarts=1
for _ in 1 2 3 4 5; do kill_one; sleep 0.5; done
say "killed $killed worker processes; waiting for the hosts to finish"

status=0
# A run gets five minutes after the last kill (one takes under a minute); one that hangs is
# stopped and reported with its last lines, instead of holding CI until its own time limit.
deadline=$((SECONDS + 300))
for i in 1 2 3; do
  while kill -0 "${supervisors[$i]}" 2>/dev/null && (( SECONDS < deadline )); do sleep 1; done
  if kill -0 "${supervisors[$i]}" 2>/dev/null; then
    say "host $i's run did not finish within 5 minutes of the last kill; its last lines:"; tail -5 "$work/h$i.log"
    kill -9 "${supervisors[$i]}" 2>/dev/null || true
    wait "${supervisors[$i]}" 2>/dev/null || true
    status=1
  elif ! wait "${supervisors[$i]}"; then
    say "host $i's run failed:"; tail -5 "$work/h$i.log"; status=1
  fi
done

# The verdict, from the database.
read -r total completed unfinished dead <<<"$(sql "SELECT count(*), count(*) FILTER (WHERE state = 'completed'),
  count(*) FILTER (WHERE state IN ('available', 'running', 'retrying')), count(*) FILTER (WHERE state = 'dead')
  FROM ch21_queue.queue_task" | tr '|' ' ')"
read -r effects doubled <<<"$(sql "SELECT count(*), (SELECT count(*) FROM (SELECT task_id FROM ch21_queue.queue_effect
  GROUP BY task_id HAVING count(*) > 1) d) FROM ch21_queue.queue_effect" | tr '|' ' ')"
lost="$(sql "SELECT count(*) FROM ch21_queue.queue_task t WHERE t.state <> 'completed'
  OR NOT EXISTS (SELECT 1 FROM ch21_queue.queue_effect e WHERE e.task_id = t.id)")"
superseded="$(sql "SELECT count(*) FROM $held_tasks JOIN ch21_queue.queue_effect e ON e.task_id = t.id WHERE e.token > h.version")"
# A commit host 3 sent just before the cut can reach the server after `held` was read (a loaded
# server reads it late). That task is completed under the lease host 3 held, no other host ever
# leased it again, and its completion bears a date from before the cut: the fence let it through
# while the lease was current. A completion under the old lease dated later would be a fencing
# failure, and is counted as one.
cut_ms_epoch=$((cut_at / 1000000))
in_flight="$(sql "SELECT count(*) FROM $held_tasks JOIN ch21_queue.queue_effect e ON e.task_id = t.id
  WHERE t.state = 'completed' AND t.lease_version = h.version AND e.token = h.version AND t.finished_at <= $cut_ms_epoch + 1000")"
echo
say "ch21-production status, from the database host:"
"${pgns[@]}" "$bin" status --postgres "postgres://labs@127.0.0.1:$port/labs" --state-dir "$work/h1" --dead-letters 3 || status=1

echo
say "hosts: 3 × 2 worker processes; tasks: $total; killed: $killed; PostgreSQL restarts: $restarts"
refused="$(grep -c "lease lost" "$work/h3.log" || true)"
say "cut: host 3 held $held_count tasks; $superseded of them completed under a later lease by another host, $in_flight by host 3 from a commit in flight at the cut; host 3's workers were refused by fencing $refused times (lease lost)"
say "completed: $completed; effects: $effects; doubled: $doubled; lost: $lost; unfinished: $unfinished; dead: $dead"
if (( status != 0 || completed != tasks || doubled != 0 || lost != 0 || killed < kills || total != tasks )); then
  say "FAILED"; exit 1
fi
if (( held_count > 0 && superseded + in_flight != held_count )); then
  say "FAILED: $((held_count - superseded - in_flight)) of the cut host's tasks were completed neither under a later lease nor by a commit in flight at the cut"; exit 1
fi
say "ok: every task completed exactly once"

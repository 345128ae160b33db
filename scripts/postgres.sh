#!/usr/bin/env bash
# A throwaway PostgreSQL server for the kit's PostgreSQL suites, demos and benchmarks.
#
#   scripts/postgres.sh start     install PostgreSQL from Debian's packages when missing, create a
#                                 cluster in its own folder under /tmp, start it on its own port,
#                                 print its URL (the last line of the output)
#   scripts/postgres.sh url       print the URL of the running cluster
#   scripts/postgres.sh restart   restart it (pg_ctl restart -m fast: every connection is cut)
#   scripts/postgres.sh stop      stop it and delete its folder
#   scripts/postgres.sh psql ...  run psql against it
#
# Settings, from the environment:
#   AGENT_LABS_PG_PORT    the port (55432)
#   AGENT_LABS_PG_DIR     the cluster's folder (/tmp/agent-labs-pg-$PORT)
#   AGENT_LABS_PG_LISTEN  addresses to listen on, comma-separated (127.0.0.1); the several-hosts
#                         script adds the address of its own namespace bridge
#   AGENT_LABS_PG_CLIENTS a network whose clients may connect, besides loopback (none)
#
# The server refuses to run as root, so as root the cluster belongs to the `postgres` system user
# that Debian's package creates. Authentication is `trust`, and only loopback (and the network
# named above) may connect: it is a test server holding nothing of value.
set -euo pipefail

port="${AGENT_LABS_PG_PORT:-55432}"
dir="${AGENT_LABS_PG_DIR:-/tmp/agent-labs-pg-$port}"
listen="${AGENT_LABS_PG_LISTEN:-127.0.0.1}"
clients="${AGENT_LABS_PG_CLIENTS:-}"
user=labs
database=labs
url="postgres://$user@127.0.0.1:$port/$database"

say() { echo "postgres.sh: $*" >&2; }

bindir() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [[ -n "$found" && -x "$found/initdb" ]]; then echo "$found"; else return 1; fi
}

install_if_missing() {
  if bindir >/dev/null; then return; fi
  if [[ "$(id -u)" != 0 ]]; then
    say "PostgreSQL is not installed and only root can install it: sudo apt-get install -y postgresql"
    exit 1
  fi
  say "installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bindir >/dev/null || { say "apt-get installed no initdb"; exit 1; }
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_ctl_() { as_owner "$(bindir)/pg_ctl" -D "$dir/data" "$@"; }

running() { [[ -f "$dir/data/postmaster.pid" ]] && pg_ctl_ status >/dev/null 2>&1; }

start() {
  install_if_missing
  if running; then
    say "already running in $dir"
    echo "$url"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir/socket"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown -R postgres: "$dir"
  fi
  as_owner "$(bindir)/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  {
    echo "listen_addresses = '$listen'"
    echo "port = $port"
    echo "unix_socket_directories = '$dir/socket'"
    echo "max_connections = 200"
    echo "shared_buffers = 128MB"
    echo "log_min_messages = warning"
  } | as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
  {
    echo "host all all 127.0.0.1/32 trust"
    if [[ -n "$clients" ]]; then echo "host all all $clients trust"; fi
  } | as_owner tee "$dir/data/pg_hba.conf" >/dev/null
  echo "local all all trust" | as_owner tee -a "$dir/data/pg_hba.conf" >/dev/null
  pg_ctl_ start -w -t 60 -l "$dir/server.log" >/dev/null || { tail -20 "$dir/server.log" >&2; exit 1; }
  as_owner "$(bindir)/createdb" -h "$dir/socket" -p "$port" -U "$user" "$database"
  say "PostgreSQL $("$(bindir)/postgres" --version | awk '{print $3}') on port $port, folder $dir"
  echo "$url"
}

stop() {
  if running; then pg_ctl_ stop -m fast -w >/dev/null; fi
  rm -rf "$dir"
  say "stopped; $dir removed"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart)
    running || { say "not running"; exit 1; }
    pg_ctl_ restart -m fast -w -t 60 -l "$dir/server.log" >/dev/null
    say "restarted" ;;
  url)
    running || { say "not running: scripts/postgres.sh start"; exit 1; }
    echo "$url" ;;
  psql) shift; "$(bindir)/psql" -X -q -h 127.0.0.1 -p "$port" -U "$user" "$database" "$@" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

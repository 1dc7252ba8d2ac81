#!/usr/bin/env bash
# Usage: bash scripts/with-postgres-replica.sh CMD [ARGS...]
# Like scripts/with-postgres.sh, with a streaming replica (ADR 012): starts a throwaway primary (data dir under
# /tmp, trust auth, no fsync, loopback only, free port), makes a hot standby of it with pg_basebackup -R, starts
# it on another free port, waits until it streams, then makes every commit wait until the replica has applied
# it (synchronous_commit = remote_apply), so a test reads on the replica what it just wrote on the primary.
# Exports TEST_DATABASE_URL (the primary) and TEST_DATABASE_REPLICA_URL (the replica), runs CMD, then always
# stops both servers and deletes their directory. Exits with CMD's exit code.
# As root the servers run as the "postgres" user (PostgreSQL refuses to run as root); otherwise as you.
# PG_BIN=/path/to/bin overrides the PostgreSQL bin directory.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

pg_name=with-postgres-replica
# shellcheck source=scripts/pg-lib.sh
source "$(dirname "$0")/pg-lib.sh"
pg_find_bin initdb pg_ctl pg_basebackup pg_isready psql

pg_make_dir chibo-pgr
primary="$pgdir/primary"
replica="$pgdir/replica"
running=()

cleanup() {
  local rc=$?
  # The replica first: a primary stopped under it only makes it retry.
  for ((i = ${#running[@]} - 1; i >= 0; i--)); do pg_stop "${running[$i]}"; done
  rm -rf "$pgdir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sql() { # sql PORT QUERY: one value, unaligned
  "$pg_bin/psql" -X -q -t -A -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2"
}

# The primary: initdb's default pg_hba.conf already trusts replication connections from 127.0.0.1.
pg_initdb "$primary"
primary_port="$(pg_start "$primary" "-c fsync=off -c wal_level=replica -c max_wal_senders=5")" ||
  pg_fail "the primary did not start:" "$primary.log"
running+=("$primary")

# The replica: a base backup with -R (standby.signal and primary_conninfo written for us).
(cd / && "${as_pg[@]}" "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$replica" \
  -R -X stream -c fast --no-sync >"$pgdir/basebackup.log" 2>&1) || pg_fail "pg_basebackup failed:" "$pgdir/basebackup.log"
# hot_standby_feedback: the primary's vacuum keeps rows a replica query still reads; a replica query that blocks
# replay of a conflicting change is cancelled after 2 s (the app then asks the primary, see db.ts).
replica_port="$(pg_start "$replica" "-c fsync=off -c hot_standby=on -c hot_standby_feedback=on -c max_standby_streaming_delay=2s")" ||
  pg_fail "the replica did not start:" "$replica.log"
running+=("$replica")

streaming=""
for _i in $(seq 1 300); do
  streaming="$(sql "$primary_port" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" || true)"
  [ "$streaming" = "1" ] && break
  sleep 0.1
done
[ "$streaming" = "1" ] || pg_fail "the replica is not streaming after 30 s:" "$replica.log"
[ "$(sql "$replica_port" "SELECT pg_is_in_recovery()")" = "t" ] || pg_fail "the replica is not in recovery" "$replica.log"

# From now on a commit returns once the replica has applied it: the tests' reads of their own writes hold.
sql "$primary_port" "ALTER SYSTEM SET synchronous_standby_names = '*'" >/dev/null
sql "$primary_port" "ALTER SYSTEM SET synchronous_commit = 'remote_apply'" >/dev/null
sql "$primary_port" "SELECT pg_reload_conf()" >/dev/null
for _i in $(seq 1 100); do
  [ "$(sql "$primary_port" "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")" = "1" ] && break
  sleep 0.1
done

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$primary_port/postgres"
export TEST_DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$replica_port/postgres"
echo "with-postgres-replica: PostgreSQL $(pg_version) primary on 127.0.0.1:$primary_port, streaming replica on 127.0.0.1:$replica_port (data $pgdir)"

pg_run_child "$@"

#!/usr/bin/env bash
# Usage: bash scripts/with-postgres.sh CMD [ARGS...]
# Starts a throwaway PostgreSQL cluster (data dir under /tmp, trust auth, no fsync, loopback only, free port),
# exports TEST_DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres, runs CMD, then always stops the
# cluster and deletes its directory. Exits with CMD's exit code.
# As root the server runs as the "postgres" user (PostgreSQL refuses to run as root); otherwise as you.
# PG_BIN=/path/to/bin overrides the PostgreSQL bin directory.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

pg_name=with-postgres
# shellcheck source=scripts/pg-lib.sh
source "$(dirname "$0")/pg-lib.sh"
pg_find_bin initdb pg_ctl pg_isready

pg_make_dir chibo-pg
datadir="$pgdir/data"
started=0
cleanup() {
  local rc=$?
  if [ "$started" -eq 1 ]; then pg_stop "$datadir"; fi
  rm -rf "$pgdir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_initdb "$datadir"
port="$(pg_start "$datadir" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")" ||
  pg_fail "the server did not start:" "$datadir.log"
started=1

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $(pg_version) on 127.0.0.1:$port (data $datadir)"
pg_run_child "$@"

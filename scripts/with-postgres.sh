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

# /usr/local/bin/pg_ctl and `pg_config --bindir` may point elsewhere: use the newest Debian server install.
pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "with-postgres: no PostgreSQL server binaries (looked in /usr/lib/postgresql/*/bin); run scripts/setup-system.sh" >&2
  exit 1
fi

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root but there is no 'postgres' user" >&2
    exit 1
  fi
  as_pg=(runuser -u postgres --)
fi

pgdir="$(mktemp -d /tmp/chibo-pg.XXXXXX)"
datadir="$pgdir/data"
logfile="$pgdir/server.log"
started=0

cleanup() {
  local rc=$?
  if [ "$started" -eq 1 ]; then
    (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$pgdir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "${#as_pg[@]}" -gt 0 ]; then chown postgres: "$pgdir"; fi
chmod 700 "$pgdir"

(cd / && "${as_pg[@]}" "$pg_bin/initdb" -D "$datadir" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
  >"$pgdir/initdb.log" 2>&1) || {
  echo "with-postgres: initdb failed:" >&2
  cat "$pgdir/initdb.log" >&2
  exit 1
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

port=""
for _attempt in 1 2 3 4 5; do
  candidate="$(free_port)"
  if (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 \
    -o "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1 -c port=$candidate -k $datadir" \
    start >/dev/null 2>&1); then
    port="$candidate"
    started=1
    break
  fi
  # Port raced away or the server failed: make sure nothing is left running before retrying.
  (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1) || true
done
if [ -z "$port" ]; then
  echo "with-postgres: the server did not start:" >&2
  cat "$logfile" >&2 2>/dev/null || true
  exit 1
fi

# pg_ctl -w already waited; double-check that TCP connections are accepted.
for _i in $(seq 1 100); do
  if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then break; fi
  sleep 0.1
done

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$pg_bin/postgres" -V | awk '{print $3}') on 127.0.0.1:$port (data $datadir)"

# Run CMD in the background (stdin kept) and wait, so that INT/TERM reach the traps at once; forward them.
child=""
forward() {
  local sig=$1 code=$2
  if [ -n "$child" ]; then
    kill -s "$sig" "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit "$code"
}
trap 'forward INT 130' INT
trap 'forward TERM 143' TERM
"$@" <&0 &
child=$!
set +e
wait "$child"
rc=$?
set -e
child=""
exit "$rc"

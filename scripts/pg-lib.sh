# Shared by scripts/with-postgres.sh and scripts/with-postgres-replica.sh (sourced, not run): finds the PostgreSQL
# server binaries, runs them as the "postgres" user when we are root, starts a throwaway server on a free loopback
# port, and runs the wrapped command so that INT/TERM reach it. The caller sets `pg_name` (for messages) first.

pg_fail() { # pg_fail MESSAGE [LOGFILE]
  echo "$pg_name: $1" >&2
  if [ -n "${2:-}" ]; then cat "$2" >&2 2>/dev/null || true; fi
  exit 1
}

# pg_find_bin TOOL...: sets pg_bin to the newest Debian server install (/usr/local/bin/pg_ctl and `pg_config
# --bindir` may point elsewhere) or $PG_BIN, and checks that every TOOL is there.
pg_find_bin() {
  pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}"
  local tool
  for tool in "$@"; do
    if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/$tool" ]; then
      pg_fail "no PostgreSQL server binaries (looked in /usr/lib/postgresql/*/bin); run scripts/setup-system.sh"
    fi
  done
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || pg_fail "running as root but there is no 'postgres' user"
    as_pg=(runuser -u postgres --)
  fi
}

# pg_make_dir PREFIX: a private temporary directory the server's user owns, in pgdir.
pg_make_dir() {
  pgdir="$(mktemp -d "/tmp/$1.XXXXXX")"
  if [ "${#as_pg[@]}" -gt 0 ]; then chown postgres: "$pgdir"; fi
  chmod 700 "$pgdir"
}

pg_initdb() { # pg_initdb DATADIR: a cluster with trust auth, UTF-8, C.UTF-8 collation
  (cd / && "${as_pg[@]}" "$pg_bin/initdb" -D "$1" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
    >"$pgdir/initdb.log" 2>&1) || pg_fail "initdb failed:" "$pgdir/initdb.log"
}

pg_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

# pg_start DATADIR OPTIONS: starts the server on a free loopback port (retrying if the port races away), prints
# the port; its log is DATADIR.log.
pg_start() {
  local datadir=$1 options=$2 candidate
  for _attempt in 1 2 3 4 5; do
    candidate="$(pg_free_port)"
    if (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$datadir" -l "$datadir.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$candidate -k $datadir $options" start >/dev/null 2>&1); then
      # pg_ctl -w already waited; make sure TCP connections are accepted too.
      for _i in $(seq 1 100); do
        "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$candidate" -U postgres && break
        sleep 0.1
      done
      echo "$candidate"
      return 0
    fi
    (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1) || true
  done
  return 1
}

pg_stop() { # pg_stop DATADIR
  (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$1" -m immediate -w stop >/dev/null 2>&1) || true
}

pg_version() { "$pg_bin/postgres" -V | awk '{print $3}'; }

# pg_run_child CMD...: runs CMD in the background (stdin kept) and waits, so that INT/TERM reach the traps at
# once and are forwarded to it; exits with CMD's exit code.
pg_run_child() {
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
  local rc=$?
  set -e
  child=""
  exit "$rc"
}

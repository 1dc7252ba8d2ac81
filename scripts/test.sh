#!/usr/bin/env bash
# THE test command: bash scripts/test.sh
# On a fresh Debian 12 machine it installs what is missing, then runs every check, stopping at the first failure:
#   system packages, npm ci, typecheck, lint, unit + service tests on PGlite, service tests on PostgreSQL 15,
#   service tests on PostgreSQL with a streaming read replica, production build, browser journeys (Playwright on
#   Debian's Chromium).
# For quicker local reruns: SKIP_INSTALL=1 skips the first two steps (system packages and npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

export FORCE_COLOR="${FORCE_COLOR:-1}"
started=$SECONDS
current="start"
done_steps=()

step() {
  current="$1"
  echo
  echo "==> [$((${#done_steps[@]} + 1))/8] $1"
}
finish_step() {
  done_steps+=("$current")
}
on_exit() {
  local rc=$?
  echo
  if [ "$rc" -eq 0 ]; then
    local IFS=','
    echo "test.sh: ALL PASSED (${#done_steps[@]} steps: ${done_steps[*]}) in $((SECONDS - started)) s"
  else
    echo "test.sh: FAILED at step \"$current\" (exit $rc) after $((SECONDS - started)) s" >&2
  fi
}
trap on_exit EXIT

step "system packages"
if [ "${SKIP_INSTALL:-}" = "1" ]; then echo "skipped (SKIP_INSTALL=1)"; else bash scripts/setup-system.sh; fi
finish_step

step "npm ci"
if [ "${SKIP_INSTALL:-}" = "1" ]; then echo "skipped (SKIP_INSTALL=1)"; else npm ci --no-audit --no-fund; fi
finish_step

step "typecheck + lint"
npm run typecheck
npm run lint
finish_step

step "unit + service tests on PGlite"
env -u TEST_DATABASE_URL -u DATABASE_URL npx vitest run
finish_step

step "service tests on PostgreSQL"
env -u DATABASE_URL bash scripts/with-postgres.sh npx vitest run --project service
finish_step

step "service tests on PostgreSQL with a read replica"
# The same tests with each test database's reader on a streaming replica (ADR 012): reads through db.reader
# run on the hot standby, which refuses any write.
env -u DATABASE_URL -u DATABASE_REPLICA_URL bash scripts/with-postgres-replica.sh npx vitest run --project service
finish_step

step "build"
npm run build
# A member's pages stay within 200 kB of compressed JavaScript on a first visit (docs/PERFORMANCE.md).
npx tsx scripts/check-bundle-budget.ts
finish_step

step "browser journeys"
env -u DATABASE_URL npx playwright test
finish_step

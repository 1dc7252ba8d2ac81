#!/usr/bin/env bash
# Installs the Debian packages the tests need: Chromium (Playwright runs it instead of downloading a browser),
# fonts that render Vietnamese, PostgreSQL 15 with contrib (ltree, pg_trgm, btree_gin, unaccent) and
# poppler-utils (pdftotext, to read generated PDFs). Idempotent: when everything is present it does nothing
# and takes well under a second.
set -euo pipefail

required=(chromium fonts-liberation2 fonts-noto-core postgresql postgresql-contrib poppler-utils)
optional=(chromium-driver)

is_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-system: not a Debian/Ubuntu system (no dpkg/apt-get)." >&2
  echo "setup-system: install by hand: ${required[*]}" >&2
  exit 1
fi

missing=()
for p in "${required[@]}"; do is_installed "$p" || missing+=("$p"); done
missing_optional=()
for p in "${optional[@]}"; do is_installed "$p" || missing_optional+=("$p"); done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-system: all system packages present (${required[*]})."
  [ "${#missing_optional[@]}" -eq 0 ] || echo "setup-system: optional, not installed: ${missing_optional[*]}"
else
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "setup-system: missing ${missing[*]} and not root and no sudo." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  echo "setup-system: installing ${missing[*]} ${missing_optional[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "${missing[@]}"
  if [ "${#missing_optional[@]}" -gt 0 ]; then
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "${missing_optional[@]}" ||
      echo "setup-system: optional packages not installed: ${missing_optional[*]} (continuing)"
  fi
fi

# Sanity checks: the binaries the test steps rely on.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "setup-system: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin" >&2
  exit 1
fi
pg_ext="/usr/share/postgresql/$(basename "$(dirname "$pg_bin")")/extension"
for ext in ltree pg_trgm btree_gin unaccent; do
  if [ ! -f "$pg_ext/$ext.control" ]; then
    echo "setup-system: PostgreSQL extension $ext missing from $pg_ext (postgresql-contrib?)" >&2
    exit 1
  fi
done
if [ ! -x /usr/bin/chromium ]; then
  echo "setup-system: /usr/bin/chromium missing" >&2
  exit 1
fi
command -v pdftotext >/dev/null 2>&1 || { echo "setup-system: pdftotext missing" >&2; exit 1; }
echo "setup-system: ok (PostgreSQL: $pg_bin; Chromium: /usr/bin/chromium)"

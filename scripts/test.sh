#!/usr/bin/env bash
# Sets up everything the test suite needs and runs it: system packages (when root),
# the locked virtual environment, a private PostgreSQL cluster, then lint, types and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
VENV=${VENV:-.venv}

system_packages=(chromium postgresql espeak-ng sox poppler-utils wrk tmux)
missing=()
for pkg in "${system_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing system packages: ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "== not installed (tests that need them will skip, or fail under CI=true): ${missing[*]}"
    echo "   install with: sudo apt-get install --no-install-recommends ${missing[*]}"
  fi
fi

echo "== python environment ($VENV)"
make -s VENV="$VENV" PYTHON="$PYTHON" setup-dev

pg_stop() { :; }
if PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1) && [ -n "$PGBIN" ] && [ "$(id -u)" = 0 ]; then
  echo "== private PostgreSQL cluster"
  PGPORT=${SICOACH_TEST_PGPORT:-54329}
  PGDIR=$(mktemp -d)
  echo postgres >"$PGDIR/pw"
  chown -R postgres:postgres "$PGDIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A scram-sha-256 \
    --pwfile="$PGDIR/pw" -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c max_connections=200" start >/dev/null
  pg_stop() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" stop -m fast >/dev/null || true; rm -rf "$PGDIR"; }
  trap pg_stop EXIT
  PGPASSWORD=postgres psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE sicoach LOGIN PASSWORD 'sicoach-test'" -c "CREATE DATABASE sicoach_test OWNER sicoach" >/dev/null
  export SICOACH_TEST_POSTGRES_URL="postgresql+psycopg://sicoach:sicoach-test@127.0.0.1:$PGPORT/sicoach_test"
fi

echo "== lint and types"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
"$VENV/bin/mypy"

echo "== tests"
"$VENV/bin/pytest" "$@"

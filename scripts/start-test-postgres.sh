#!/usr/bin/env bash
# Source this file (or run it): it makes sure a local PostgreSQL server runs for the tests that need a
# real one (test/core/export.test.ts pushes definitions over the wire protocol, which PGlite does not
# speak). It installs Debian's `postgresql` package when the server is missing (needs root), starts
# the first cluster, creates role `switchboard` (password `switchboard`) and database `switchboard_test`,
# and exports SWITCHBOARD_TEST_POSTGRES_URL. Idempotent: a second run changes nothing.
sb_pg_fail() {
  echo "start-test-postgres: $*" >&2
  return 1
}

sb_pg_main() {
  local version cluster port status url
  if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { sb_pg_fail "need root to apt-get install postgresql"; return 1; }
    echo "start-test-postgres: installing Debian's postgresql" >&2
    apt-get update -qq || { sb_pg_fail "apt-get update failed"; return 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null ||
      { sb_pg_fail "could not install postgresql"; return 1; }
  fi

  # The first cluster (Debian's package creates <version>/main); make one if there is none.
  read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1) || true
  if [ -z "${version:-}" ]; then
    version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    pg_createcluster "$version" main >/dev/null || { sb_pg_fail "could not create a cluster"; return 1; }
    read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
  fi
  if [ "$status" != "online" ]; then
    pg_ctlcluster "$version" "$cluster" start || { sb_pg_fail "could not start cluster $version/$cluster"; return 1; }
  fi
  local tries=0
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    [ "$tries" -lt 30 ] || { sb_pg_fail "the server on port $port did not become ready"; return 1; }
    sleep 1
  done

  # As the postgres superuser: the role (its password reset every time) and the database.
  local as_postgres=(psql -X -q -At -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$port" -d postgres)
  if [ "$(id -un)" != postgres ]; then as_postgres=(runuser -u postgres -- "${as_postgres[@]}"); fi
  "${as_postgres[@]}" -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'switchboard') THEN CREATE ROLE switchboard; END IF;
    END \$\$;
    ALTER ROLE switchboard WITH LOGIN PASSWORD 'switchboard';" || { sb_pg_fail "could not create role switchboard"; return 1; }
  if [ -z "$("${as_postgres[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'switchboard_test'")" ]; then
    "${as_postgres[@]}" -c "CREATE DATABASE switchboard_test OWNER switchboard ENCODING 'UTF8'
        LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" || { sb_pg_fail "could not create database switchboard_test"; return 1; }
  fi

  url="postgres://switchboard:switchboard@127.0.0.1:$port/switchboard_test"
  export SWITCHBOARD_TEST_POSTGRES_URL="$url"
  echo "start-test-postgres: PostgreSQL $version ready; SWITCHBOARD_TEST_POSTGRES_URL=$url" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Run directly: print the URL on stdout, e.g. export SWITCHBOARD_TEST_POSTGRES_URL="$(scripts/start-test-postgres.sh)"
  sb_pg_main && echo "$SWITCHBOARD_TEST_POSTGRES_URL"
elif sb_pg_main; then
  unset -f sb_pg_fail sb_pg_main
else
  unset -f sb_pg_fail sb_pg_main
  return 1
fi

#!/bin/sh
# PostgreSQL stand-in's entrypoint (scripts/docker-local-images.sh), doing what the official
# postgres image's does where docker/compose.yaml relies on it: on the first start with an
# empty data directory, a cluster owned by POSTGRES_USER with POSTGRES_PASSWORD
# (scram-sha-256 over TCP) and the database POSTGRES_DB; then the server in the foreground,
# listening on every address of the container.
set -eu
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ "${1:-postgres}" = postgres ]; then
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -z "${POSTGRES_PASSWORD:-}" ]; then
      echo "POSTGRES_PASSWORD is required on the first start" >&2
      exit 1
    fi
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    initdb --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA" >/dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    # The first start listens on its socket only, so nothing connects before it is set up.
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    if [ "$POSTGRES_DB" != postgres ]; then
      psql -v ON_ERROR_STOP=1 --username="$POSTGRES_USER" --dbname=postgres -q \
        -c "CREATE DATABASE \"$POSTGRES_DB\"" >/dev/null
    fi
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    echo "PostgreSQL cluster initialised for $POSTGRES_USER/$POSTGRES_DB"
  fi
  shift || true
  exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
fi
exec "$@"

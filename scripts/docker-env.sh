#!/usr/bin/env bash
# Writes random secrets for docker/compose.yaml into docker/.env (or the file given), which
# Compose reads and git ignores. An existing file is kept: PostgreSQL's password is applied
# only when its volume is first initialised, so it must not change afterwards.
set -euo pipefail
file=${1:-"$(dirname "$0")/../docker/.env"}
if [ -e "$file" ]; then
  echo "docker-env: $file exists; kept" >&2
  exit 0
fi
# URL-safe (hex): the passwords go into DATABASE_URL and REDIS_URL.
secret() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
umask 077
cat >"$file" <<ENV
POSTGRES_PASSWORD=$(secret 24)
APP_DB_PASSWORD=$(secret 24)
REDIS_PASSWORD=$(secret 24)
JWT_SECRET=$(secret 32)
AUDIT_KEY=$(secret 32)
ADMIN_EMAIL=${ADMIN_EMAIL:-admin@relay.invalid}
ADMIN_PASSWORD=$(secret 16)
ENV
echo "docker-env: wrote $file (the admin's password is in it)" >&2

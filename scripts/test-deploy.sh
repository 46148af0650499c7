#!/usr/bin/env bash
# npm run test:deploy: builds the images, starts docker/compose.yaml (two API nodes behind
# nginx, PostgreSQL, Redis) under a project of its own, runs test/deploy/*.deploy-spec.ts
# against it through nginx only, and removes its containers, networks and volumes however
# the test ends. Needs a running Docker engine and docker-compose; root on a machine without
# an image registry (scripts/docker-local-images.sh builds the base images there).
#
#   DEPLOY_USE_REGISTRY=1   pull the official base images instead of building stand-ins
#   DEPLOY_TIMEOUT=1500     seconds the test may take (the images' build not counted)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Debian's client (the one docker.io installs): a newer docker on PATH may want buildx.
debian_docker=$(dpkg -L docker.io 2>/dev/null | grep '/bin/docker$' || true)
DOCKER=${DOCKER:-${debian_docker:-$(command -v docker)}}
COMPOSE=${COMPOSE:-$(command -v docker-compose || true)}
if [ -z "$COMPOSE" ] || ! "$DOCKER" info >/dev/null 2>&1; then
  echo "test:deploy needs a running Docker engine and docker-compose" >&2
  exit 1
fi
export DOCKER COMPOSE DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1

if [ "${DEPLOY_USE_REGISTRY:-0}" != 1 ]; then
  eval "$(scripts/docker-local-images.sh)"
fi

# A project, a port on loopback and secrets of this run's own.
work=$(mktemp -d "${TMPDIR:-/tmp}/relay-deploy.XXXXXX")
# docker-compose builds through the `docker` on PATH: make it this one.
mkdir -p "$work/bin" && ln -s "$DOCKER" "$work/bin/docker" && export PATH="$work/bin:$PATH"
export DEPLOY_PROJECT=relay-deploy-$$
export DEPLOY_ENV_FILE="$work/env"
export DEPLOY_REPORT="$work/report.json"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export DEPLOY_BASE_URL="http://127.0.0.1:$port"
ADMIN_EMAIL=admin@deploy-test.riding-relay.ca scripts/docker-env.sh "$DEPLOY_ENV_FILE"
{
  echo "HTTP_PUBLISH=127.0.0.1:$port"
  echo "APP_IMAGE=riding-relay:local"
  echo "LOG_LEVEL=info"
  for var in NODE_IMAGE RUNTIME_IMAGE POSTGRES_IMAGE REDIS_IMAGE NGINX_IMAGE RELAY_SUBNET RELAY_IP_RANGE NGINX_ADDRESS; do
    if [ -n "${!var:-}" ]; then echo "$var=${!var}"; fi
  done
} >>"$DEPLOY_ENV_FILE"
compose() {
  "$COMPOSE" -p "$DEPLOY_PROJECT" -f docker/compose.yaml -f test/deploy/compose.test.yaml \
    --env-file "$DEPLOY_ENV_FILE" "$@"
}

teardown() {
  local status=$?
  echo "test:deploy: removing $DEPLOY_PROJECT (containers, networks, volumes)" >&2
  compose down --volumes --remove-orphans --timeout 5 >/dev/null 2>&1 || true
  left=$("$DOCKER" ps -aq --filter "label=com.docker.compose.project=$DEPLOY_PROJECT")
  if [ -n "$left" ]; then "$DOCKER" rm -f $left >/dev/null 2>&1 || true; fi
  if [ -f "$DEPLOY_REPORT" ]; then cat "$DEPLOY_REPORT"; fi
  rm -rf "$work"
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

echo "test:deploy: building riding-relay:local (NODE_IMAGE=${NODE_IMAGE:-node:24-bookworm-slim})" >&2
built_at=$(date +%s)
nice -n 19 "$COMPOSE" -p "$DEPLOY_PROJECT" -f docker/compose.yaml --env-file "$DEPLOY_ENV_FILE" build migrate
export DEPLOY_BUILD_SECONDS=$(($(date +%s) - built_at))

npm run build --silent
timeout --kill-after=30 "${DEPLOY_TIMEOUT:-1500}" env NODE_OPTIONS=--experimental-vm-modules \
  npx jest --config test/deploy/jest.config.js --runInBand --forceExit "$@"

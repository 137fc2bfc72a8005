#!/usr/bin/env bash
# Builds the real Dockerfile with podman and starts the image: the check that its class-archive training run, its
# user, its entry point and its health check work (README, "Container image").
#
#   ./mvnw -B -q package -DskipTests && deploy/image-check.sh     # by hand; .ci/run runs it after `mvnw verify`
#
# No registry is reachable here, so the Dockerfile's base image is a stand-in made with debootstrap (Debian's
# OpenJDK 17 JRE and curl), cached under $IMAGE_CHECK_CACHE, keyed by what it is made of, and tagged with the name of
# the Dockerfile's last FROM. The Maven stage is replaced by the jar built on the host (--build-context build=…); every
# other step of the Dockerfile runs as written. Then the image runs `demo` with piped input, and runs the bot detached
# against the simulators of `java -jar invalidator.jar sandbox`, over the host's network.
#
# Needs root (or sudo without a password) and apt-get when podman is missing; without them it says
# "skipped: <reason>" and exits 0, so that CI elsewhere is not broken by the check's absence.
# The settings podman needs on these machines are written to a file of the check's own (CONTAINERS_CONF), not to
# /etc/containers: runtime runc (crun refuses hybrid cgroups), ulimits within the host's hard limits.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/invalidator.jar
IMAGE=localhost/invalidator-check:latest
SUITE=bookworm
BASE_PACKAGES="openjdk-17-jre-headless curl ca-certificates"
CACHE=${IMAGE_CHECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/invalidator-image-check}
NAME=invalidator-check-$$

started_at=$(date +%s%N)
current_step=""
step_started=0
work=""
sandbox_pid=""
container=""
mounted_proc=""

say() { printf '%s\n' "$*"; }
millis_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
seconds() { printf '%d.%01d s' $(($1 / 1000)) $(($1 % 1000 / 100)); }

# Each step is printed when it starts and when it ends, with its duration.
step() {
  finish_step
  current_step=$1
  step_started=$(date +%s%N)
  say "==> $current_step"
}
finish_step() {
  if [ -n "$current_step" ]; then
    say "    done in $(seconds "$(millis_since "$step_started")")"
    current_step=""
  fi
}
fail() {
  say "image check FAILED: $*" >&2
  exit 1
}
skip() {
  say "skipped: $*"
  exit 0
}

cleanup() {
  local status=$?
  set +e
  if [ -n "$container" ]; then
    podman rm --force --time 0 "$container" >/dev/null 2>&1
  fi
  podman rm --force --time 0 "$NAME-demo" >/dev/null 2>&1
  if [ -n "$sandbox_pid" ]; then
    kill "$sandbox_pid" 2>/dev/null
    wait "$sandbox_pid" 2>/dev/null
  fi
  if [ -n "$mounted_proc" ]; then
    $SUDO umount "$mounted_proc"
  fi
  if [ -n "$work" ]; then
    $SUDO rm -rf "$work"
  fi
  if [ "$status" -ne 0 ] && [ -n "$current_step" ]; then
    say "image check failed in \"$current_step\" after $(seconds "$(millis_since "$step_started")")" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- may podman run here at all?
SUDO=""
if [ "$(uname -s)" != Linux ]; then
  skip "podman builds and runs Linux containers here only on Linux, and this is $(uname -s)"
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    skip "podman needs root on these machines, and this user is not root and has no password-less sudo"
  fi
fi
missing=""
for tool in podman runc debootstrap zstd; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ] && ! command -v apt-get >/dev/null 2>&1; then
  skip "podman, runc, debootstrap and zstd come from apt here, and there is no apt-get (missing:$missing)"
fi
[ -s "$JAR" ] || fail "$JAR is missing: build it first (./mvnw -B -q package -DskipTests)"
command -v java >/dev/null 2>&1 || fail "java is missing on the host: the simulators (java -jar $JAR sandbox) need it"

podman() { $SUDO env CONTAINERS_CONF="$CACHE/containers.conf" podman "$@"; }
# Without systemd, podman logs an error each time it would schedule the periodic health check it cannot run here
# (`podman healthcheck run` runs it once): those lines are left out, the others shown.
without_systemd_noise() { grep -v 'unable to get systemd connection' "$1" >&2 || true; }
# What the host's network looks like before: the check must leave it so (no bridge, no forwarding turned on).
network() { echo "interfaces $(cd /sys/class/net && echo *) · ip_forward $(cat /proc/sys/net/ipv4/ip_forward)"; }
network_before=$(network)

if [ -n "$missing" ]; then
  step "install$missing"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086 # the list of tools is words
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

step "write podman's settings for this machine"
$SUDO mkdir -p "$CACHE"
# Root here lacks CAP_SYS_RESOURCE: a container's limits may not exceed the host's hard limits, and nproc may not
# exceed kernel.pid_max either. Read from the shell podman runs in.
# shellcheck disable=SC2016 # expanded by the shell that sudo starts
read -r hard_nofile hard_nproc < <($SUDO bash -c 'echo "$(ulimit -Hn) $(ulimit -Hu)"')
pid_max=$(cat /proc/sys/kernel/pid_max)
if [ "$hard_nofile" = unlimited ]; then hard_nofile=1048576; fi
if [ "$hard_nproc" = unlimited ] || [ "$hard_nproc" -gt "$pid_max" ]; then hard_nproc=$pid_max; fi
$SUDO tee "$CACHE/containers.conf" >/dev/null <<EOF
# Written by deploy/image-check.sh for podman on this machine (CONTAINERS_CONF).
[containers]
default_ulimits = ["nofile=$hard_nofile:$hard_nofile", "nproc=$hard_nproc:$hard_nproc"]

[engine]
# crun refuses every container on hybrid cgroups ("cgroups in hybrid mode not supported").
runtime = "runc"
EOF
say "    $CACHE/containers.conf: runtime runc, nofile $hard_nofile, nproc $hard_nproc"
work=$(mktemp -d /tmp/invalidator-image-check.XXXXXX)

# ---- the base image the Dockerfile names, or a stand-in for it
base=$(awk 'toupper($1) == "FROM" { image = $2 } END { print image }' Dockerfile)
[ -n "$base" ] || fail "the Dockerfile names no base image (no FROM line)"
case "$base" in
  */*) first=${base%%/*} ;;
  *) first="" ;;
esac
case "$first" in
  *.* | *:* | localhost) qualified=$base ;;
  "") qualified=docker.io/library/$base ;;
  *) qualified=docker.io/$base ;;
esac

mirror=""
for sources in /etc/apt/sources.list.d/*.sources; do
  [ -f "$sources" ] || continue
  mirror=$(awk -v suite="$SUITE" '
    /^URIs:/ { uri = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) { print uri; exit } }' "$sources")
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk -v suite="$SUITE" '$1 == "deb" && $3 == suite { print $2; exit }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
key=$(printf '%s\n' "stand-in 1" "$SUITE" "$mirror" "$arch" "$BASE_PACKAGES" | sha256sum | cut -c1-12)
standin=localhost/invalidator-check-base:$key
rootfs_tar=$CACHE/base-$SUITE-$arch-$key.tar.zst

step "base image $qualified"
if podman image exists "$qualified" \
  && [ "$(podman image inspect --format '{{.Id}}' "$qualified")" != "$(podman image inspect --format '{{.Id}}' "$standin" 2>/dev/null || true)" ]; then
  say "    present in podman's storage, not the stand-in: building on it"
else
  if ! podman image exists "$standin"; then
    if [ ! -s "$rootfs_tar" ]; then
      say "    making the stand-in: debootstrap $SUITE from $mirror, then $BASE_PACKAGES"
      rootfs=$work/rootfs
      $SUDO debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap could not make the stand-in base"; }
      # The JRE's installation runs java, which needs /proc.
      $SUDO mount -t proc proc "$rootfs/proc"
      mounted_proc=$rootfs/proc
      $SUDO chroot "$rootfs" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
          apt-get install -y -qq --no-install-recommends $BASE_PACKAGES && apt-get clean" \
        >"$work/packages.log" 2>&1 \
        || { tail -20 "$work/packages.log" >&2; fail "the stand-in base could not install $BASE_PACKAGES"; }
      $SUDO umount "$rootfs/proc"
      mounted_proc=""
      $SUDO rm -rf "$rootfs"/var/lib/apt/lists/*
      $SUDO sh -c "tar --numeric-owner -C '$rootfs' -c . | zstd -q -T0 -o '$rootfs_tar.partial'"
      $SUDO mv "$rootfs_tar.partial" "$rootfs_tar"
      $SUDO rm -rf "$rootfs"
    else
      say "    the stand-in from the cache: $rootfs_tar"
    fi
    $SUDO sh -c "zstd -q -dc '$rootfs_tar'" | podman import --quiet - "$standin" >/dev/null
  else
    say "    the stand-in is in podman's storage: $standin"
  fi
  podman tag "$standin" "$qualified"
  say "    stand-in: Debian $SUITE's OpenJDK 17, not the real base's contents"
fi

# ---- the Dockerfile, unchanged, with the host's jar as its build stage
step "build the Dockerfile (its class-archive training run included)"
mkdir -p "$work/build/build/target"
cp "$JAR" "$work/build/build/target/invalidator.jar"
podman build --format docker --pull=never --network=none --build-context "build=$work/build" \
  --tag "$IMAGE" --file Dockerfile . >"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log" >&2; fail "podman build of the Dockerfile failed (its last lines are above)"; }
user=$(podman image inspect --format '{{.Config.User}}' "$IMAGE")
health_cmd=$(podman image inspect --format '{{if .Config.Healthcheck}}{{join .Config.Healthcheck.Test " "}}{{end}}' "$IMAGE")
[ -n "$health_cmd" ] || fail "the image has no health check (built without --format docker?)"
case "$user" in
  "" | 0 | 0:* | root | root:*) fail "the image runs as root (USER \"$user\"): it must name a non-root user" ;;
esac
say "    user $user; health check: $health_cmd"
# podman reuses a step's layer only for the same instruction and the same files, so a new jar trains a new archive.
cached=$(grep -c 'Using cache' "$work/build.log" || true)
if [ "$cached" -gt 0 ]; then
  say "    $cached steps from podman's cache: the same instructions on the same files as a build before"
fi

# ---- the demo in the image: a whole invalidation, as the image's user
step "demo in the image, piped input, no network"
transcript=$work/demo.txt
status=0
printf '/invalidate web /index.html\n' \
  | podman run -i --rm --name "$NAME-demo" --network=none "$IMAGE" demo >"$transcript" 2>&1 || status=$?
if [ "$status" -ne 0 ] || ! grep -q '✅ Completed in' "$transcript"; then
  grep -v 'unable to get systemd connection' "$transcript" | tail -20 >&2
  fail "the demo in the image exited with $status without showing a completed invalidation (its last lines above)"
fi
say "    $(grep -m1 '✅ Completed in' "$transcript" | sed 's/^ *//')"

# ---- the bot in the image, detached, against the simulators on the host
step "start the simulators on the host (java -jar $JAR sandbox)"
sandbox_dir=$work/sandbox
java -jar "$JAR" sandbox "$sandbox_dir" --invalidate 'web /index.html' >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 300); do
  [ -s "$sandbox_dir/bot.env" ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log" >&2; fail "the sandbox stopped before it was ready"; }
  sleep 0.1
done
[ -s "$sandbox_dir/bot.env" ] || { cat "$work/sandbox.log" >&2; fail "the sandbox wrote no bot.env within 30 s"; }
sed -n '1,2p' "$work/sandbox.log" | sed 's/^/    /'

step "start the image detached, wait for /health/ready"
health_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
container=$NAME
podman run --detach --name "$container" --network=host --env-file "$sandbox_dir/bot.env" \
  --env "HEALTH_PORT=$health_port" --volume "$sandbox_dir/invalidator.yml:/config/invalidator.yml:ro" \
  "$IMAGE" >/dev/null 2>"$work/run.err" || { without_systemd_noise "$work/run.err"; fail "podman could not start the image"; }
without_systemd_noise "$work/run.err"
ready=""
for _ in $(seq 1 600); do
  if curl -fsS -o "$work/ready.json" "http://127.0.0.1:$health_port/health/ready" 2>/dev/null; then
    ready=yes
    break
  fi
  [ "$(podman inspect --format '{{.State.Running}}' "$container")" = true ] || break
  sleep 0.1
done
if [ -z "$ready" ]; then
  podman logs --tail 30 "$container" >&2 || true
  fail "the bot in the image never answered 200 on /health/ready (port $health_port) within 60 s;" \
    "state: $(podman inspect --format '{{.State.Status}}, exit code {{.State.ExitCode}}' "$container")"
fi
say "    /health/ready: $(cat "$work/ready.json")"

step "an invalidation through the bot in the image"
for _ in $(seq 1 300); do
  grep -q ': completed in' "$work/sandbox.log" && break
  sleep 0.1
done
grep -q ': completed in' "$work/sandbox.log" || {
  cat "$work/sandbox.log" >&2
  podman logs --tail 30 "$container" >&2 || true
  fail "the bot in the image did not complete /invalidate web /index.html against the simulators within 30 s"
}
say "    $(grep -m1 ': completed in' "$work/sandbox.log")"

step "the image's own health check (podman healthcheck run)"
if ! health=$(podman healthcheck run "$container" 2>&1); then
  fail "the image's health check ($health_cmd) says \"$health\" while /health/ready answers 200 on port" \
    "$health_port: does the HEALTHCHECK ask the right port and path?"
fi
say "    ${health:-healthy}"

step "the process: its user and its class archive"
uid=$(podman exec "$container" sh -c 'awk "/^Uid:/ { print \$2 }" /proc/1/status')
if [ "$uid" != "${user%%:*}" ] || [ "$uid" = 0 ]; then
  fail "the bot's process runs as uid $uid, not as the image's non-root user $user"
fi
command=$(podman exec "$container" sh -c 'tr "\0" " " </proc/1/cmdline')
archive=$(podman exec "$container" sh -c 'cd /proc/1/cwd && grep -h "^-XX:SharedArchiveFile=" /app/jvm.options | cut -d= -f2')
[ -n "$archive" ] || fail "/app/jvm.options names no -XX:SharedArchiveFile"
archive_path=$(podman exec "$container" sh -c "cd /proc/1/cwd && readlink -f '$archive'")
# A class archive in use is mapped into the JVM's memory: the file shows in its maps.
mapped=$(podman exec "$container" sh -c "grep -c ' $archive_path\$' /proc/1/maps || true")
[ "${mapped:-0}" -gt 0 ] \
  || fail "the JVM ($command) has not mapped the class archive $archive_path: it started without it"
say "    uid $uid; $command"
say "    $archive_path mapped in $mapped regions of the JVM's memory"

step "stop it with SIGTERM"
podman stop --time 30 "$container" >/dev/null 2>"$work/stop.err"
without_systemd_noise "$work/stop.err"
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$container")
# 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited; 137 would mean podman had to kill it.
[ "$exit_code" = 143 ] || {
  podman logs --tail 20 "$container" >&2 || true
  fail "the bot in the image exited with $exit_code after SIGTERM, not 143 (stopped by the signal, hooks run)"
}
podman rm "$container" >/dev/null 2>"$work/rm.err"
without_systemd_noise "$work/rm.err"
container=""
say "    exit status 143 (SIGTERM, shutdown hooks run)"

step "the host's network as it was"
network_after=$(network)
[ "$network_after" = "$network_before" ] \
  || fail "the host's network changed: before \"$network_before\", after \"$network_after\""
say "    $network_after"

finish_step
say "image check passed in $(seconds "$(millis_since "$started_at")")"

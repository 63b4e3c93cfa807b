#!/usr/bin/env bash
# Opens each app's image tarball (src/main/docker/build-image.sh) and runs it as a container runtime would: checks
# its config (entrypoint, exposed port, non-root user), unpacks its layers in order into a directory, and runs the
# image's own entrypoint and environment there against a local Kafka, Redis and S3 until /q/health/live answers UP
# and then /q/health/ready, then stops it with SIGTERM as Kubernetes does. The root filesystem is mounted read-only
# with /tmp (and the processor's state directory) writable, as kubernetes/base runs the apps; the app runs as the
# image's user, as PID 1 of new mount and PID namespaces. Needs Linux and root (unshare, mount, chroot).
#   src/main/docker/image-smoke.sh [APP[:TARBALL] ...]    (APP: producer-app, processor-app, serving-api; all three
#                                                          by default; TARBALL defaults to APP/target/APP-image.tar)
# Prints one "image-smoke: <app>: ..." line per step and ends with "image-smoke: N of M images started their app".
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
APPS=("$@")
[ ${#APPS[@]} -gt 0 ] || APPS=(producer-app processor-app serving-api)
KAFKA_PORT="${IMAGE_SMOKE_KAFKA_PORT:-29092}" REDIS_PORT="${IMAGE_SMOKE_REDIS_PORT:-26379}"
S3_PORT="${IMAGE_SMOKE_S3_PORT:-29000}"
STATE_DIR=/var/lib/storepulse/state
WORK="$(mktemp -d /tmp/storepulse-image-smoke.XXXXXX)"
# Made up per run: the stack here checks no S3 credentials, and the apps need some key to start.
SMOKE_KEY="smoke-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
STACK_PID=""
APP_PID=""

fail() { echo "image-smoke: FAIL: $*" >&2; exit 1; }

# Stops the app: SIGTERM to the entrypoint (PID 1 inside; unshare itself ignores SIGTERM while it waits), SIGKILL to
# unshare after the grace period, which kills everything in the namespace (--kill-child). Prints the seconds taken.
stop_app() {
  local pid="$1" grace="$2" child second
  child="$(pgrep -P "$pid" | head -1 || true)"
  [ -n "$child" ] && kill -TERM "$child" 2>/dev/null
  for second in $(seq 1 "$grace"); do
    kill -0 "$pid" 2>/dev/null || { echo "$second"; return 0; }
    sleep 1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "killed"
}

# Waits up to 180 s for /q/health/<check> to answer UP while the app runs; sets HEALTH_SECONDS, or fails with the
# check's answer and the app's log.
health_up() {
  local app="$1" port="$2" check="$3" log="$4" second
  HEALTH_SECONDS=""
  for second in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$port/q/health/$check" 2>/dev/null | jq -e '.status == "UP"' > /dev/null 2>&1; then
      HEALTH_SECONDS="$second"
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  curl -sS "http://127.0.0.1:$port/q/health/$check" || true
  tail -40 "$log"
  kill -0 "$APP_PID" 2>/dev/null || { APP_PID=""; fail "$app: its entrypoint exited before /q/health/$check was UP"; }
  fail "$app: /q/health/$check not UP within 180 s"
}

cleanup() {
  if [ -n "$APP_PID" ]; then stop_app "$APP_PID" 5 > /dev/null; fi
  if [ -n "$STACK_PID" ]; then
    kill "$STACK_PID" 2>/dev/null || true
    timeout 30 tail --pid="$STACK_PID" -f /dev/null || kill -KILL "$STACK_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || fail "needs root (unshare, mount and chroot run the image as a container runtime would)"
for tool in unshare chroot mount jq curl pgrep; do command -v "$tool" > /dev/null || fail "$tool is missing"; done

# What runs inside the new namespaces, as root there, before the image's entrypoint replaces it.
cat > "$WORK/enter.sh" <<'INNER'
set -eu
rootfs="$1" state="$2"
shift 2
mount --make-rprivate /
mount --bind "$rootfs" "$rootfs"
mount -o remount,bind,ro "$rootfs"
mount -t tmpfs -o mode=1777 tmpfs "$rootfs/tmp"
mount -t proc proc "$rootfs/proc"
if [ -n "$state" ]; then mount -t tmpfs -o uid=185,gid=185,mode=0700 tmpfs "$rootfs$state"; fi
exec chroot --userspec=185:185 "$rootfs" "$@"
INNER

[ -f "$ROOT/local-stack/target/classes/storepulse/local-stack.classpath" ] \
  || fail "local-stack is not built: ./mvnw install -DskipTests -pl local-stack -am"
classpath="$ROOT/local-stack/target/classes:$(cat "$ROOT/local-stack/target/classes/storepulse/local-stack.classpath")"
java -Xmx256m -cp "$classpath" io.storepulse.stack.LocalStackMain --data-dir "$WORK/stack" \
  --kafka-port "$KAFKA_PORT" --redis-port "$REDIS_PORT" --s3-port "$S3_PORT" > "$WORK/stack.log" 2>&1 &
STACK_PID=$!
for _ in $(seq 1 120); do grep -q '^STOREPULSE-STACK ' "$WORK/stack.log" && break; sleep 1; done
grep -q '^STOREPULSE-STACK ' "$WORK/stack.log" || { tail -20 "$WORK/stack.log"; fail "local stack did not start"; }
echo "image-smoke: local stack up (Kafka $KAFKA_PORT, Redis $REDIS_PORT, S3 $S3_PORT)"

passed=0
for image in "${APPS[@]}"; do
  app="${image%%:*}"
  tarball="$ROOT/$app/target/$app-image.tar"
  [ "$image" = "$app" ] || tarball="${image#*:}"
  case "$app" in producer-app|processor-app|serving-api) ;; *) fail "unknown app: $app" ;; esac
  [ -f "$tarball" ] || fail "$tarball is missing: run src/main/docker/build-image.sh $app"
  dir="$WORK/$app"
  mkdir -p "$dir/image" "$dir/rootfs"
  tar -xf "$tarball" -C "$dir/image"
  config="$dir/image/$(jq -r '.[0].Config' "$dir/image/manifest.json")"
  user="$(jq -r '.config.User // ""' "$config")"
  port="$(jq -r '(.config.ExposedPorts // {}) | keys[0] // "" | split("/")[0]' "$config")"
  case "${user%%:*}" in ""|0|root) fail "$app runs as '$user', not as a non-root user" ;; esac
  [ "${user%%:*}" = 185 ] || fail "$app runs as $user; kubernetes/base runs it as 185"
  [ "${port:-0}" -gt 0 ] 2>/dev/null || fail "$app exposes no port"
  mapfile -t entrypoint < <(jq -r '(.config.Entrypoint // [])[]' "$config")
  [ ${#entrypoint[@]} -gt 0 ] || fail "$app has no entrypoint"
  mapfile -t image_env < <(jq -r '(.config.Env // [])[]' "$config")
  while read -r layer; do
    tar --warning=no-unknown-keyword -xzf "$dir/image/$layer" -C "$dir/rootfs"
  done < <(jq -r '.[0].Layers[]' "$dir/image/manifest.json")
  for mountpoint in tmp proc; do
    [ -d "$dir/rootfs/$mountpoint" ] || fail "$app's image has no /$mountpoint to mount on"
  done
  state=""
  if [ "$app" = processor-app ]; then
    state="$STATE_DIR"
    mkdir -p "$dir/rootfs$state"
  fi
  echo "image-smoke: $app: user $user, port $port, entrypoint ${entrypoint[*]}, $(du -sh "$dir/rootfs" | cut -f1) unpacked"
  # The image's own environment, then what kubernetes/base sets (storepulse-config, the processor's state directory).
  env -i "${image_env[@]}" HTTP_HOST=127.0.0.1 KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" S3_ENDPOINT="http://127.0.0.1:$S3_PORT" AWS_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID="$SMOKE_KEY" AWS_SECRET_ACCESS_KEY="$SMOKE_KEY" STOREPULSE_API_KEY="$SMOKE_KEY" \
    ${state:+KAFKA_STREAMS_STATE_DIR="$state"} \
    unshare --mount --pid --fork --kill-child bash "$WORK/enter.sh" "$dir/rootfs" "$state" "${entrypoint[@]}" \
    > "$dir/app.log" 2>&1 &
  APP_PID=$!
  health_up "$app" "$port" live "$dir/app.log"
  echo "image-smoke: $app: /q/health/live UP after ${HEALTH_SECONDS} s"
  # Ready means connected: Kafka (and for the processor its tasks running, RocksDB's native library loaded).
  health_up "$app" "$port" ready "$dir/app.log"
  ready="$HEALTH_SECONDS"
  echo "image-smoke: $app: /q/health/ready UP ${ready} s later"
  stopped="$(stop_app "$APP_PID" 45)"
  APP_PID=""
  [ "$stopped" != killed ] || { tail -20 "$dir/app.log"; fail "$app did not stop within 45 s of SIGTERM"; }
  grep -q 'stopped in' "$dir/app.log" || { tail -20 "$dir/app.log"; fail "$app did not shut down cleanly on SIGTERM"; }
  echo "image-smoke: $app: stopped on SIGTERM after ${stopped} s"
  passed=$((passed + 1))
done
echo "image-smoke: ${passed} of ${#APPS[@]} images started their app"

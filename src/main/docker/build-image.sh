#!/usr/bin/env bash
# Builds an app's OCI image tarball without a Docker daemon or a registry, packed by jib-maven-plugin's buildTar
# goal (src/main/docker/image-pom.xml).
#   src/main/docker/build-image.sh producer-app|processor-app|serving-api
# Needs the app built first (./mvnw package -DskipTests -pl <app> -am; ./mvnw package -Dimages does
# both). Writes <app>/target/<app>-image.tar (native: <app>-native-image.tar), image storepulse/<app>:<tag>.
#
# STOREPULSE_IMAGE_KIND=jvm (default): the fast-jar on a scratch base with a jlink runtime of the build's JDK, the
#   shared libraries it and RocksDB load, and /etc/passwd with user 185, as distroless images are made.
# STOREPULSE_IMAGE_KIND=native: the native executable (./mvnw package -Dnative) and the shared libraries it links,
#   on a scratch base; tag <tag>-native, which kubernetes/overlays/production-native deploys.
# STOREPULSE_IMAGE_BASE=<image>: the fast-jar on that base image instead of the assembled runtime (JVM only; Jib
#   pulls the base, so a registry must be reachable); STOREPULSE_IMAGE_JAVA is its java (default: java on its PATH).
# STOREPULSE_IMAGE_TAG: the tag (default 1.0.0-SNAPSHOT).
set -euo pipefail

APP="${1:?usage: build-image.sh producer-app|processor-app|serving-api}"
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
KIND="${STOREPULSE_IMAGE_KIND:-jvm}"
BASE="${STOREPULSE_IMAGE_BASE:-scratch}"
TAG="${STOREPULSE_IMAGE_TAG:-1.0.0-SNAPSHOT}"
TARBALL_NAME="$APP-image.tar"
case "$APP" in
  producer-app) PORT=8081 ;;
  processor-app) PORT=8082 ;;
  serving-api) PORT=8080 ;;
  *) echo "build-image: unknown app: $APP" >&2; exit 2 ;;
esac
TARGET="$ROOT/$APP/target"
IMAGE_ROOT="$TARGET/image-root"
rm -rf "$IMAGE_ROOT" "$TARGET/image-build"
mkdir -p "$TARGET/image-build/empty" "$IMAGE_ROOT"

# Copies files from this machine into the image root at the same paths.
copy_files() {
  local file
  for file in "$@"; do
    case "$file" in "$IMAGE_ROOT"*) continue ;; esac
    mkdir -p "$IMAGE_ROOT$(dirname "$file")"
    cp -L "$file" "$IMAGE_ROOT$file"
  done
}

# Copies the shared libraries the given ELF files load (ldd) into the image root.
copy_libraries() {
  local libs
  mapfile -t libs < <(ldd "$@" 2>/dev/null | awk '$3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}' | sort -u)
  copy_files "${libs[@]}"
}

# The user the image runs as (kubernetes/base: runAsUser 185) and the mount points a read-only root needs.
scratch_filesystem() {
  mkdir -p "$IMAGE_ROOT"/{etc,tmp,proc,dev,deployments}
  printf 'root:x:0:0::/:/sbin/nologin\njboss:x:185:185::/deployments:/sbin/nologin\n' > "$IMAGE_ROOT/etc/passwd"
  printf 'root:x:0:\njboss:x:185:\n' > "$IMAGE_ROOT/etc/group"
}

jib_args=()
case "$KIND" in
  jvm)
    [ -f "$TARGET/quarkus-app/quarkus-run.jar" ] || { echo "build-image: build $APP first: $TARGET/quarkus-app is missing" >&2; exit 1; }
    if [ "$BASE" = scratch ]; then
      echo "build-image: $APP: runtime"
      scratch_filesystem
      JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
      # What a Quarkus app with Kafka, Redis, S3 and RocksDB clients loads; jdeps over the fast-jar finds no more.
      modules=java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl
      modules+=,java.sql,java.xml,java.desktop,jdk.crypto.ec,jdk.unsupported,jdk.management,jdk.zipfs,jdk.naming.dns
      "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
        --output "$IMAGE_ROOT/opt/java"
      # The runtime's libraries, and those of the native code the apps unpack at run time (RocksDB's JNI library
      # links libstdc++, libpthread, libdl and librt).
      mapfile -t elf < <(find "$IMAGE_ROOT/opt/java" -name '*.so')
      native_code=(/lib/x86_64-linux-gnu/libstdc++.so.6 /lib/x86_64-linux-gnu/libpthread.so.0
        /lib/x86_64-linux-gnu/libdl.so.2 /lib/x86_64-linux-gnu/librt.so.1)
      copy_files "${native_code[@]}"
      copy_libraries "$IMAGE_ROOT/opt/java/bin/java" "${elf[@]}" "${native_code[@]}"
      java_command=/opt/java/bin/java
    else
      mkdir -p "$IMAGE_ROOT/deployments"
      java_command="${STOREPULSE_IMAGE_JAVA:-java}"
      jib_args+=(-Djib.container.environment=HTTP_HOST=0.0.0.0)
    fi
    cp -a "$TARGET/quarkus-app/." "$IMAGE_ROOT/deployments/"
    jib_args+=("-Djib.container.entrypoint=$java_command,-XX:MaxRAMPercentage=50,-jar,/deployments/quarkus-run.jar")
    [ "$BASE" != scratch ] || jib_args+=("-Djib.container.environment=JAVA_HOME=/opt/java,HTTP_HOST=0.0.0.0")
    ;;
  native)
    [ "$BASE" = scratch ] || { echo "build-image: STOREPULSE_IMAGE_BASE applies to JVM images only" >&2; exit 2; }
    runner="$(compgen -G "$TARGET/*-runner" | head -1 || true)"
    [ -n "$runner" ] || { echo "build-image: build $APP natively first: ./mvnw package -Dnative -pl $APP -am" >&2; exit 1; }
    echo "build-image: $APP: native executable $(basename "$runner")"
    scratch_filesystem
    cp "$runner" "$IMAGE_ROOT/deployments/application"
    copy_libraries "$runner"
    TAG="$TAG-native"
    TARBALL_NAME="$APP-native-image.tar"
    jib_args+=(-Djib.container.entrypoint=/deployments/application -Djib.container.environment=HTTP_HOST=0.0.0.0)
    ;;
  *) echo "build-image: STOREPULSE_IMAGE_KIND is jvm or native, not $KIND" >&2; exit 2 ;;
esac

echo "build-image: $APP: image storepulse/$APP:$TAG on $BASE"
"$ROOT/mvnw" -B -q -f "$ROOT/src/main/docker/image-pom.xml" package com.google.cloud.tools:jib-maven-plugin:3.5.2:buildTar \
  -Dimage.root="$IMAGE_ROOT" -Dimage.name="storepulse/$APP:$TAG" -Dimage.base="$BASE" \
  -Dimage.port="$PORT" -Dimage.tar="$TARGET/$TARBALL_NAME" -Dimage.work="$TARGET/image-build" "${jib_args[@]}"
echo "build-image: $APP: $TARGET/$TARBALL_NAME, $(du -h "$TARGET/$TARBALL_NAME" | cut -f1)"

#!/usr/bin/env bash
# Shared by the benchmark scripts: a local Kafka broker on its own port and data directory.

# stack_classpath: the local stack's runtime classpath (Kafka clients included), from the build.
stack_classpath() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  echo "$root/local-stack/target/classes:$(cat "$root/local-stack/target/classes/storepulse/local-stack.classpath")"
}

# start_kafka PORT WORKDIR [LocalStackMain options...]: starts the broker (and whatever the options add, e.g.
# --only kafka,redis --redis-port N) in the background, sets stack_pid, returns once the stack is ready.
start_kafka() {
  local port="$1" work="$2"
  shift 2
  java -Xmx256m -cp "$(stack_classpath)" io.storepulse.stack.LocalStackMain --data-dir "$work/data" --only kafka \
    --kafka-port "$port" "$@" > "$work/stack.log" 2>&1 &
  # shellcheck disable=SC2034 # read by the script that sourced this file
  stack_pid=$!
  until grep -qs '^STOREPULSE-STACK' "$work/stack.log"; do sleep 0.5; done
  grep -q '^STOREPULSE-STACK READY' "$work/stack.log" || { cat "$work/stack.log"; return 1; }
}

# bench_cleanup WORKDIR: stops what the benchmark started (processor_pid, producer_pid, serving_pid, stack_pid), deletes WORKDIR.
# Scripts run `trap 'bench_cleanup "$WORK"' EXIT` after creating WORK.
bench_cleanup() {
  set +e
  local pid
  # shellcheck disable=SC2154 # set by the sourcing script or by the start_* functions, if at all
  for pid in ${processor_pid:-} ${producer_pid:-} ${serving_pid:-} ${stack_pid:-}; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$1"
}

# ensure_built MODULE: builds the project unless MODULE's runnable jar exists.
ensure_built() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  [ -f "$root/$1/target/quarkus-app/quarkus-run.jar" ] || (cd "$root" && ./mvnw -B -q install -DskipTests)
}

# start_processor BOOTSTRAP PORT WORKDIR [JVM_OPTS...]: starts processor-app in the background (log
# WORKDIR/processor-app.log, state WORKDIR/state), sets processor_pid, returns once it is ready (RUNNING).
start_processor() {
  local bootstrap="$1" port="$2" work="$3"
  shift 3
  APP_JVM_OPTS="$*" start_app processor-app "$port" "$work" KAFKA_BOOTSTRAP_SERVERS="$bootstrap" \
    PROCESSOR_PORT="$port" KAFKA_STREAMS_STATE_DIR="$work/state"
  # shellcheck disable=SC2034 # read by the script that sourced this file
  processor_pid=$started_pid
}

# start_app MODULE PORT WORKDIR [NAME=VALUE...]: starts MODULE's jar (HTTP_HOST=127.0.0.1 plus the given environment;
# JVM options from APP_JVM_OPTS, default -Xmx512m) in the background, log WORKDIR/MODULE.log, sets started_pid, returns
# once /q/health/ready answers on PORT.
start_app() {
  local module="$1" port="$2" work="$3" root
  shift 3
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck disable=SC2086 # JVM options are words
  env HTTP_HOST=127.0.0.1 "$@" java ${APP_JVM_OPTS:--Xmx512m} -jar "$root/$module/target/quarkus-app/quarkus-run.jar" \
    > "$work/$module.log" 2>&1 &
  # shellcheck disable=SC2034 # read by the script that sourced this file
  started_pid=$!
  local deadline=$((SECONDS + 120))
  until curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null; do
    kill -0 "$started_pid" 2>/dev/null || { tail -50 "$work/$module.log"; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "$module not ready within 120 s"; return 1; }
    sleep 1
  done
}

# http_within PORT URI SECONDS: "requests-within-SECONDS total" from the app's own http_server_requests histogram
# (all statuses) for the URI template, e.g. http_within 8080 '/v1/users/{userId}/features' 0.005. Two calls
# bracket a run. The histogram's buckets are fixed (event-model HttpServerBuckets): SECONDS must be one of them.
http_within() {
  curl -fs "http://127.0.0.1:$1/q/metrics" | awk -v uri="uri=\"$2\"" -v le="le=\"$3\"" '
    index($0, "http_server_requests_seconds_bucket{") == 1 && index($0, uri) && index($0, le) { within += $NF }
    index($0, "http_server_requests_seconds_count{") == 1 && index($0, uri) { total += $NF }
    END { printf "%d %d\n", within, total }'
}

# print_within BEFORE AFTER SECONDS: the share of the requests between two http_within calls done within SECONDS.
print_within() {
  awk -v a="$1" -v b="$2" -v s="$3" 'BEGIN { split(a, x, " "); split(b, y, " "); w = y[1] - x[1]; t = y[2] - x[2]
    if (t == 0) { print "  server side: no requests"; exit }
    printf "  server side (the app'"'"'s own histogram): %.2f %% of %d requests done within %g ms\n", 100 * w / t, t, s * 1000 }'
}

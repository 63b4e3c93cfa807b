#!/usr/bin/env bash
# Launcher smoke test: up --detach, every app ready, status, a real event through the collector, down, and no
# process left behind. Runs on its own ports and state directory, so a developer's running stack is untouched.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STOREPULSE_HOME="${STOREPULSE_HOME:-$(mktemp -d /tmp/storepulse-smoke-XXXXXX)}"

# Free ports picked at random (broker n takes KAFKA_PORT + 2(n-1) and its controller the port after, six for
# the three-broker run below), so two builds on one machine or a
# developer's stack on the default ports cannot collide with this one. They lie below the kernel's ephemeral range,
# from which outgoing connections take their local ports: a port there could be taken before its app binds it.
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$ephemeral_low" -gt 21000 ] 2>/dev/null || ephemeral_low=32768
taken=" "
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && [[ "$taken" != *" $1 "* ]]; }
free_port() {
  local port pairs="${1:-1}" i ok
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % (ephemeral_low - 20000 - pairs)))
    ok=1
    for ((i = 0; i < pairs; i++)); do
      port_free $((port + i)) || ok=0
    done
    if [ "$ok" = 1 ]; then
      for ((i = 0; i < pairs; i++)); do taken="$taken$((port + i)) "; done
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}
SERVING_PORT=$(free_port); PRODUCER_PORT=$(free_port); PROCESSOR_PORT=$(free_port)
KAFKA_PORT=$(free_port 6); REDIS_PORT=$(free_port); S3_PORT=$(free_port)
export SERVING_PORT PRODUCER_PORT PROCESSOR_PORT KAFKA_PORT REDIS_PORT S3_PORT
unset KAFKA_BOOTSTRAP_SERVERS REDIS_URL S3_ENDPOINT
echo "ports: serving $SERVING_PORT, producer $PRODUCER_PORT, processor $PROCESSOR_PORT, kafka $KAFKA_PORT, redis $REDIS_PORT, s3 $S3_PORT"

passed=0
failed=0
check() {
  local name="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
  fi
}

descendants() {
  local pid child
  for pid in "$@"; do
    echo "$pid"
    for child in $(pgrep -P "$pid" || true); do
      descendants "$child"
    done
  done
}

cleanup() {
  "$ROOT/storepulse" down --wipe >/dev/null 2>&1 || true
  rm -rf "$STOREPULSE_HOME"
}
trap cleanup EXIT

timeout 300 "$ROOT/storepulse" up --detach --rate 100 > "$STOREPULSE_HOME/up.out" 2>&1 || { cat "$STOREPULSE_HOME/up.out"; exit 1; }
check "up --detach prints the URLs" grep -q "Collector       http://127.0.0.1:$PRODUCER_PORT/v1/events" "$STOREPULSE_HOME/up.out"
check "up --detach prints the API key" test -s "$STOREPULSE_HOME/api-key"
check "up --detach names the key file where it is" grep -qF "(also in $STOREPULSE_HOME/api-key;" "$STOREPULSE_HOME/up.out"
for port in "$SERVING_PORT" "$PRODUCER_PORT" "$PROCESSOR_PORT"; do
  check "app on $port is ready" sh -c "curl -fsS http://127.0.0.1:$port/q/health/ready 2>/dev/null | grep -q '\"UP\"'"
  check "app on $port serves metrics" sh -c "curl -fsS http://127.0.0.1:$port/q/metrics 2>/dev/null | grep -q '^jvm_'"
  check "app on $port serves OpenAPI" sh -c "curl -fsS http://127.0.0.1:$port/q/openapi 2>/dev/null | grep -q 'openapi'"
done
status="$("$ROOT/storepulse" status)"
echo "$status"
check "status has six components, all up" test "$(echo "$status" | grep -c ' up ')" = 6
event_time="$(date -u -d '-10 seconds' +%Y-%m-%dT%H:%M:%S.000Z)"
body="[{\"type\":\"inventory\",\"event_id\":\"smoke-1\",\"product_id\":\"p-smoke\",\"warehouse_id\":\"w-1\",\"operation\":\"RESTOCK\",\"quantity_change\":5,\"current_quantity\":5,\"event_time\":\"$event_time\"}]"
check "the collector accepts an event" sh -c "curl -fsS -H 'Content-Type: application/json' -d '$body' http://127.0.0.1:$PRODUCER_PORT/v1/events | grep -q '\"accepted\":1'"
# Accepted is not enough: the event must be on Kafka and through the processor, as its stock in serving-api.
stock_arrived() {
  local i
  for i in $(seq 1 60); do
    curl -fsS -H "Authorization: Bearer $(cat "$STOREPULSE_HOME/api-key")" \
        "http://127.0.0.1:$SERVING_PORT/v1/products/p-smoke/inventory" 2>/dev/null | grep -q '"current_quantity":5' && return 0
    sleep 1
  done
  return 1
}
check "the event reaches Kafka and the processor (its stock is served)" stock_arrived
check "the generator is running" sh -c "curl -fsS http://127.0.0.1:$PRODUCER_PORT/v1/generator | grep -q '\"running\":true'"

mapfile -t started < <(cat "$STOREPULSE_HOME"/pids/*.pid)
mapfile -t pids < <(descendants "${started[@]}")
echo "processes started: ${#pids[@]}"
check "the stack started Kafka, Redis, S3 and three apps (at least 7 processes)" test "${#pids[@]}" -ge 7
"$ROOT/storepulse" down
left=0
for pid in "${pids[@]}"; do
  if kill -0 "$pid" 2>/dev/null; then
    echo "still running: $(ps -o pid=,args= -p "$pid" | cut -c1-120)"
    left=$((left + 1))
  fi
done
check "down leaves no process behind" test "$left" = 0
check "status shows everything down" test "$("$ROOT/storepulse" status | grep -c ' down ')" = 6
check "down keeps the data" test -d "$STOREPULSE_HOME/data/kafka"
"$ROOT/storepulse" down --wipe > /dev/null
check "down --wipe deletes the data" test ! -e "$STOREPULSE_HOME/data"

# An app that cannot start: the launcher fails and shows why from the app's log, then leaves nothing running.
set +e
STOREPULSE_COLLECTOR_MAX_EVENT_BYTES=lots "$ROOT/storepulse" up --detach --rate 0 > "$STOREPULSE_HOME/up-broken.out" 2>&1
broken=$?
set -e
check "up fails when an app exits during start-up" test "$broken" != 0
check "the failure shows the app's own error" grep -q "  | .*max-event-bytes" "$STOREPULSE_HOME/up-broken.out"
check "a failed start stops what it started" test "$("$ROOT/storepulse" status | grep -c ' down ')" = 6
"$ROOT/storepulse" down --wipe > /dev/null

# A cluster of three brokers: options checked before anything starts, then the whole pipeline on it.
set +e
"$ROOT/storepulse" up --brokers 0 > "$STOREPULSE_HOME/up-brokers.out" 2>&1
zero=$?
"$ROOT/storepulse" up --brokers 3 --secure > "$STOREPULSE_HOME/up-brokers-secure.out" 2>&1
secured=$?
set -e
refused_with() { [ "$1" != 0 ] && grep -q "$2" "$3"; }
check "up --brokers 0 is refused with the reason" refused_with "$zero" 'must be 1 to 9' "$STOREPULSE_HOME/up-brokers.out"
check "up --brokers 3 --secure is refused with the reason" \
  refused_with "$secured" 'has one broker' "$STOREPULSE_HOME/up-brokers-secure.out"
timeout 300 "$ROOT/storepulse" up --detach --rate 100 --brokers 3 > "$STOREPULSE_HOME/up-3.out" 2>&1 || { cat "$STOREPULSE_HOME/up-3.out"; exit 1; }
status="$("$ROOT/storepulse" status)"
echo "$status"
cluster="127.0.0.1:$KAFKA_PORT,127.0.0.1:$((KAFKA_PORT + 2)),127.0.0.1:$((KAFKA_PORT + 4))"
cluster_up() { [ "$(grep -c ' up ' <<<"$status")" = 6 ] && grep -qF "kafka up $cluster" <<<"$status"; }
check "up --brokers 3: every component up, Kafka at three addresses" cluster_up
check "up --brokers 3: each broker has its own data" test -d "$STOREPULSE_HOME/data/kafka-3/data"
processed_on_cluster() {
  local i
  for i in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$PROCESSOR_PORT/q/metrics" 2>/dev/null \
      | grep -E '^storepulse_processor_records_total\{.*route="valid"' | grep -vq ' 0\.0$' && return 0
    sleep 1
  done
  return 1
}
check "up --brokers 3: the generator's events reach the processor" processed_on_cluster
"$ROOT/storepulse" down --wipe > /dev/null

echo "launcher: $passed passed, $failed failed"
[ "$failed" = 0 ]

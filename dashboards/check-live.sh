#!/usr/bin/env bash
# Live check of the dashboards and alert rules against reality: starts the packaged stack with the generator on
# (./storepulse up, free ports, its own state directory), a real Prometheus with this repository's scrape
# configuration and rules, and a few API clients; then runs dashboards/check-queries.sh until every dashboard query
# returns data (or the deadline passes) and prints its last run. Self-test: the same check on a copy of the
# dashboards in which one panel names a metric no app exposes must fail and name it. Stops all it started.
# Usage: dashboards/check-live.sh   (needs the apps packaged: ./mvnw -B package -DskipTests)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST=127.0.0.1
RATE="${STOREPULSE_LIVE_CHECK_RATE:-200}"
# Seconds, after every target is up, for every dashboard query to return data.
DATA_DEADLINE="${STOREPULSE_LIVE_CHECK_DEADLINE:-150}"
# Two scrapes at least inside the 40 s $__rate_interval before the first attempt.
MIN_SCRAPE_SECONDS=25
SELFTEST_MARKER=storepulse_selftest_missing_

say() { printf 'live-check: [%ss] %s\n' "$SECONDS" "$*"; }
die() { say "FAIL $*"; exit 1; }

for tool in prometheus promtool; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found: install it with apt-get install prometheus"
done
for tool in jq curl java; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found: install it with apt-get install $tool"
done
for app in producer-app processor-app serving-api; do
  [ -f "$ROOT/$app/target/quarkus-app/quarkus-run.jar" ] || die "$app is not packaged: run ./mvnw -B package -DskipTests first"
done
[ -f "$ROOT/local-stack/target/classes/storepulse/local-stack.classpath" ] \
  || die "local-stack is not built: run ./mvnw -B package -DskipTests first"

WORK="$(mktemp -d /tmp/storepulse-live-check-XXXXXX)"
export STOREPULSE_HOME="$WORK/stack"
unset KAFKA_BOOTSTRAP_SERVERS REDIS_URL S3_ENDPOINT
export STOREPULSE_READY_TIMEOUT=150
background=()
stack_started=0

cleanup() {
  local status=$? pid
  for pid in "${background[@]}"; do
    pkill -P "$pid" 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${background[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ "$stack_started" = 1 ]; then
    [ "$status" = 0 ] || cp -r "$STOREPULSE_HOME/data/logs" "$WORK/server-logs" 2>/dev/null || true
    "$ROOT/storepulse" down --wipe >/dev/null 2>&1 || true
  fi
  if [ "$status" = 0 ]; then
    rm -rf "$WORK"
  else
    rm -rf "$WORK/prometheus/data"
    say "logs kept in $WORK (stack/logs, server-logs, prometheus/prometheus.log)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
taken=" "
# A free port whose successor is free too (Kafka's controller listens on KAFKA_PORT + 1), below Linux's ephemeral
# range (32768 and up) so that no outgoing connection takes it before the server binds it.
free_port() {
  local port _
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 12000))
    [[ "$taken" == *" $port "* || "$taken" == *" $((port + 1)) "* || "$taken" == *" $((port - 1)) "* ]] && continue
    port_busy "$port" || port_busy "$((port + 1))" || { echo "$port"; return; }
  done
}
for name in SERVING_PORT PRODUCER_PORT PROCESSOR_PORT KAFKA_PORT REDIS_PORT S3_PORT PROMETHEUS_PORT; do
  port="$(free_port)"
  [ -n "$port" ] || die "no free port found for $name"
  printf -v "$name" '%s' "$port"
  taken="$taken$port $((port + 1)) "
done
export SERVING_PORT PRODUCER_PORT PROCESSOR_PORT KAFKA_PORT REDIS_PORT S3_PORT
PROM="http://$HOST:$PROMETHEUS_PORT"

say "starting the stack (generator at $RATE events/s; serving $SERVING_PORT, producer $PRODUCER_PORT, processor $PROCESSOR_PORT)"
stack_started=1
mkdir -p "$STOREPULSE_HOME"
timeout 240 "$ROOT/storepulse" up --detach --rate "$RATE" > "$WORK/up.log" 2>&1 \
  || { tail -n 20 "$WORK/up.log"; die "./storepulse up did not get the stack ready"; }
API_KEY="$(cat "$STOREPULSE_HOME/api-key")"

# The repository's scrape configuration and rules, on this run's ports.
mkdir -p "$WORK/prometheus"
sed -e "s/$HOST:8081/$HOST:$PRODUCER_PORT/; s/$HOST:8082/$HOST:$PROCESSOR_PORT/; s/$HOST:8080/$HOST:$SERVING_PORT/" \
  "$ROOT/dashboards/prometheus/prometheus.yml" > "$WORK/prometheus/prometheus.yml"
cp "$ROOT/dashboards/prometheus/alerts.yml" "$WORK/prometheus/alerts.yml"
promtool check config "$WORK/prometheus/prometheus.yml" > "$WORK/prometheus/check-config.log" 2>&1 \
  || { cat "$WORK/prometheus/check-config.log"; die "promtool rejects the scrape configuration"; }
prometheus --config.file="$WORK/prometheus/prometheus.yml" --storage.tsdb.path="$WORK/prometheus/data" \
  --web.listen-address="$HOST:$PROMETHEUS_PORT" --log.level=warn > "$WORK/prometheus/prometheus.log" 2>&1 &
background+=($!)
say "Prometheus on $PROM"

# What the shop's clients do, so the request metrics exist: post events (one invalid), read the API, and keep
# one alert stream open.
clients() {
  local n=0 now
  while true; do
    n=$((n + 1))
    now="$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
    curl -s -o /dev/null --max-time 5 -H 'Content-Type: application/json' \
      -d "[{\"type\":\"inventory\",\"event_id\":\"live-check-$n\",\"product_id\":\"p-live\",\"warehouse_id\":\"w-1\",\"operation\":\"RESTOCK\",\"quantity_change\":1,\"current_quantity\":$n,\"event_time\":\"$now\"},{\"type\":\"inventory\",\"event_id\":\"live-check-bad-$n\"}]" \
      "http://$HOST:$PRODUCER_PORT/v1/events" || true
    curl -s -o /dev/null --max-time 5 "http://$HOST:$PRODUCER_PORT/v1/generator" || true
    for path in "fraud/alerts?limit=10" "users/u-1/features" "users/u-1/sessions" "products/p-live/inventory" "products/p-1/revenue"; do
      curl -s -o /dev/null --max-time 5 -H "Authorization: Bearer $API_KEY" "http://$HOST:$SERVING_PORT/v1/$path" || true
    done
    sleep 2
  done
}
alert_stream() {
  while true; do
    curl -s -N -o /dev/null --max-time 120 -H "Authorization: Bearer $API_KEY" \
      "http://$HOST:$SERVING_PORT/v1/fraud/alerts/stream" || true
    sleep 1
  done
}
clients > /dev/null 2>&1 &
background+=($!)
alert_stream > /dev/null 2>&1 &
background+=($!)

waited=0
until [ "$(curl -s --max-time 5 "$PROM/api/v1/targets" 2>/dev/null \
  | jq '[.data.activeTargets[]? | select(.health == "up")] | length' 2>/dev/null || echo 0)" = 3 ]; do
  [ "$waited" -ge 60 ] && { curl -s "$PROM/api/v1/targets" | jq -r '.data.activeTargets[]? | "\(.labels.job) \(.health) \(.lastError)"'; die "Prometheus did not scrape all three apps within 60 s"; }
  sleep 2
  waited=$((waited + 2))
done
say "all three apps scraped; waiting for data (at most ${DATA_DEADLINE}s)"
sleep "$MIN_SCRAPE_SECONDS"

mapfile -t dashboards < <(ls "$ROOT"/dashboards/grafana/*.json)
start=$SECONDS
attempts=0
while true; do
  attempts=$((attempts + 1))
  if "$ROOT/dashboards/check-queries.sh" "$PROM" "${dashboards[@]}" > "$WORK/check.out" 2>&1; then
    check_status=0
  else
    check_status=$?
  fi
  [ "$check_status" = 0 ] && break
  # A parse error will not go away; missing data and metrics may (counters appear on their first increment).
  grep -q '^FAIL .*: does not parse' "$WORK/check.out" && break
  [ $((SECONDS - start)) -ge "$DATA_DEADLINE" ] && break
  sleep 10
done
cat "$WORK/check.out"
say "check finished after $attempts attempt(s), $((SECONDS - start + MIN_SCRAPE_SECONDS))s of data"

say "alerts pending or firing on this stack (informational; most have a 'for' longer than this run):"
curl -s --max-time 10 "$PROM/api/v1/alerts" \
  | jq -r '.data.alerts[]? | "  \(.state) \(.labels.alertname) \(.labels | del(.alertname, .severity) | tostring) value=\(.value)"'
curl -s --max-time 10 -G --data-urlencode 'query=sum(rate(storepulse_processor_records_total{route="dlq"}[10m])) / sum(rate(storepulse_processor_records_total[10m]))' \
  "$PROM/api/v1/query" | jq -r '"  dead-letter share of input over this run: \(.data.result[0].value[1] // "none")"'

# Self-test: one panel of a copy names a metric that no app exposes; the same check must fail and name it.
mkdir -p "$WORK/broken"
broken_target=""
for dashboard in "${dashboards[@]}"; do
  copy="$WORK/broken/$(basename "$dashboard")"
  if [ -z "$broken_target" ] && jq -e '[.. | objects | select(has("expr")) | .expr | select(test("storepulse_"))] | length > 0' "$dashboard" >/dev/null; then
    jq --arg marker "$SELFTEST_MARKER" '
      (first(paths(objects | select(has("expr") and (.expr | test("storepulse_")))))) as $p
      | setpath($p + ["expr"]; getpath($p + ["expr"]) | sub("storepulse_"; $marker))' "$dashboard" > "$copy"
    broken_target="$(basename "$dashboard")"
  else
    cp "$dashboard" "$copy"
  fi
done
if "$ROOT/dashboards/check-queries.sh" "$PROM" "$WORK"/broken/*.json > "$WORK/selftest.out" 2>&1; then
  selftest_status=0
else
  selftest_status=$?
fi
grep -E "^FAIL .*$SELFTEST_MARKER" "$WORK/selftest.out" | sed 's/^/self-test| /' || true
grep -E '^check: ' "$WORK/selftest.out" | sed 's/^/self-test| /' || true
if [ "$selftest_status" != 0 ] && grep -qE "^FAIL .*metric not exposed by any app: $SELFTEST_MARKER" "$WORK/selftest.out"; then
  echo "ok   self-test: the check fails on a panel of $broken_target naming a metric no app exposes"
  selftest_ok=1
else
  echo "FAIL self-test: the check did not fail on a panel of $broken_target naming a metric no app exposes (exit $selftest_status)"
  selftest_ok=0
fi

verdict=failed
[ "$check_status" = 0 ] && [ "$selftest_ok" = 1 ] && verdict=passed
say "$verdict ($(grep '^check: ' "$WORK/check.out" || echo 'no summary'), self-test $([ "$selftest_ok" = 1 ] && echo ok || echo FAILED))"
[ "$verdict" = passed ]

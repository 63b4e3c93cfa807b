#!/usr/bin/env bash
# Generator throughput into the local broker (acks=all, idempotent producer): starts the local servers and the
# producer-app alone, asks the generator for far more than it can do, and prints acknowledged events/s.
# Usage: bench/generator-throughput.sh [measure-seconds (default 30)] [warm-up seconds (default 10)]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEASURE="${1:-30}"
WARMUP="${2:-10}"
WORK="$(mktemp -d /tmp/storepulse-bench-XXXXXX)"
KAFKA_PORT=29092
PRODUCER_PORT=28081
# Above the 150,000/s target; the traffic model sizes its population of shoppers for the rate it is asked for.
REQUESTED_RATE="${BENCH_RATE:-200000}"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

trap 'bench_cleanup "$WORK"' EXIT

ensure_built producer-app
start_kafka "$KAFKA_PORT" "$WORK"

HTTP_HOST=127.0.0.1 PRODUCER_PORT="$PRODUCER_PORT" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
  java -Xmx2g -jar "$ROOT/producer-app/target/quarkus-app/quarkus-run.jar" > "$WORK/producer.log" 2>&1 &
producer_pid=$!
until curl -fs "http://127.0.0.1:$PRODUCER_PORT/q/health/ready" > /dev/null 2>&1; do sleep 0.5; done

acknowledged() { curl -fs --max-time 10 "http://127.0.0.1:$PRODUCER_PORT/v1/generator" | jq '.totals.acknowledged'; }
curl -fs -H 'Content-Type: application/json' -d "{\"rate\":$REQUESTED_RATE}" \
  "http://127.0.0.1:$PRODUCER_PORT/v1/generator/start" > /dev/null
echo "warm-up ${WARMUP}s (requested rate $REQUESTED_RATE events/s; measured: what the broker acknowledged)"
sleep "$WARMUP"
start_count="$(acknowledged)"
start_ns="$(date +%s%N)"
previous="$start_count"
previous_ns="$start_ns"
deadline_ns=$((start_ns + MEASURE * 1000000000))
while [ "$(date +%s%N)" -lt "$deadline_ns" ]; do
  sleep 5
  now="$(acknowledged)"
  now_ns="$(date +%s%N)"
  echo "  $(( (now - previous) * 1000000000 / (now_ns - previous_ns) )) events/s"
  previous="$now"
  previous_ns="$now_ns"
done
end_ns="$previous_ns"
end_count="$previous"
curl -fs -X POST "http://127.0.0.1:$PRODUCER_PORT/v1/generator/stop" > /dev/null
seconds="$(echo "scale=3; ($end_ns - $start_ns) / 1000000000" | bc)"
rate="$(echo "scale=0; ($end_count - $start_count) / $seconds" | bc)"
failed="$(curl -fs "http://127.0.0.1:$PRODUCER_PORT/v1/generator" | jq '.totals.failed')"
rss_kb="$(ps -o rss= -p "$producer_pid" | tr -d ' ')"
echo "generator throughput: $rate events/s acknowledged (acks=all, idempotent) over ${seconds}s; $((end_count - start_count)) events; failed sends: $failed; producer-app RSS $((rss_kb / 1024)) MiB"

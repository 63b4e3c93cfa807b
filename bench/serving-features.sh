#!/usr/bin/env bash
# Latency of GET /v1/users/{id}/features: a local broker and Redis, serving-api alone, 10,000 users' features in
# Redis, then hey at a fixed rate (default 5,000 requests/s for 30 s, after a 10 s warm-up at the same rate).
# Prints hey's summary, then the same run with wrk (bench/paced.lua), each with the share of requests serving-api's own
# histogram saw done within 5 ms. Target: p99 under 5 ms at 5,000 requests/s.
# Usage: bench/serving-features.sh [requests-per-second] [seconds]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE="${1:-5000}"
DURATION="${2:-30}"
WORK="$(mktemp -d /tmp/storepulse-serving-bench-XXXXXX)"
KAFKA_PORT=29392
REDIS_PORT=29399
SERVING_PORT=28180
KEY="bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
USERS=10000
WORKERS=50

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
trap 'bench_cleanup "$WORK"' EXIT

command -v hey > /dev/null || { echo "hey is needed (Debian package hey)"; exit 1; }
command -v wrk > /dev/null || { echo "wrk is needed (Debian package wrk)"; exit 1; }
command -v redis-cli > /dev/null || { echo "redis-cli is needed (Debian package redis-tools)"; exit 1; }
ensure_built serving-api
start_kafka "$KAFKA_PORT" "$WORK" --only kafka,redis --redis-port "$REDIS_PORT"

for i in $(seq 1 "$USERS"); do
  echo "HSET storepulse:features:u-$i user_id u-$i clicks_5m 3 clicks_1h 12 add_to_carts_1h 1 purchases_24h 2" \
    "spend_24h 59.90 avg_order_value_24h 29.95 distinct_devices_24h 1 distinct_countries_1h 1" \
    "last_event_time 2026-11-21T10:00:00.000Z updated_at 2026-11-21T10:00:00.100Z" \
    "last_event_time_ms 1763719200000 updated_at_ms 1763719200100"
done | redis-cli -p "$REDIS_PORT" > /dev/null

start_app serving-api "$SERVING_PORT" "$WORK" SERVING_PORT="$SERVING_PORT" \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" REDIS_URL="redis://127.0.0.1:$REDIS_PORT" STOREPULSE_API_KEY="$KEY"
# shellcheck disable=SC2034 # read by bench_cleanup
serving_pid=$started_pid

URI='/v1/users/{userId}/features'
url="http://127.0.0.1:$SERVING_PORT/v1/users/u-4242/features"
per_worker=$((RATE / WORKERS))
hey -z 10s -c "$WORKERS" -q "$per_worker" -H "Authorization: Bearer $KEY" "$url" > /dev/null
echo "features endpoint, $RATE requests/s for ${DURATION}s ($WORKERS connections), hey:"
before="$(http_within "$SERVING_PORT" "$URI" 0.005)"
hey -z "${DURATION}s" -c "$WORKERS" -q "$per_worker" -H "Authorization: Bearer $KEY" "$url" \
  | grep -E 'Requests/sec|Average|Slowest|  (10|50|90|95|99)% in|\[[0-9]{3}\]'
print_within "$before" "$(http_within "$SERVING_PORT" "$URI" 0.005)" 0.005
echo "the same with wrk (paced by bench/paced.lua, one thread):"
before="$(http_within "$SERVING_PORT" "$URI" 0.005)"
wrk -t1 -c "$WORKERS" -d "${DURATION}s" -s "$ROOT/bench/paced.lua" "$url" -- "$RATE" "Bearer $KEY" | grep -A1 'requests/s'
print_within "$before" "$(http_within "$SERVING_PORT" "$URI" 0.005)" 0.005
echo "serving-api RSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$serving_pid/status") MiB"

#!/usr/bin/env bash
# Latency of GET /v1/users/{id}/sessions: a local broker, one processor, serving-api relaying to it. 10,000
# users' sessions are written through the collector (producer-app, generator off) and processed; then hey at a
# fixed rate (default 2,000 requests/s for 30 s, after a 10 s warm-up at the same rate).
# Prints hey's summary, then the same run with wrk (bench/paced.lua), each with the share of requests serving-api's own
# histogram saw done within 10 ms. Target: p99 under 10 ms at 2,000 requests/s.
# Usage: bench/serving-sessions.sh [requests-per-second] [seconds]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE="${1:-2000}"
DURATION="${2:-30}"
WORK="$(mktemp -d /tmp/storepulse-sessions-bench-XXXXXX)"
KAFKA_PORT=29492
REDIS_PORT=29499
SERVING_PORT=28280
PRODUCER_PORT=28281
PROCESSOR_PORT=28282
KEY="bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
USERS=10000
WORKERS=20

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
trap 'bench_cleanup "$WORK"' EXIT

command -v hey > /dev/null || { echo "hey is needed (Debian package hey)"; exit 1; }
command -v wrk > /dev/null || { echo "wrk is needed (Debian package wrk)"; exit 1; }
ensure_built serving-api
start_kafka "$KAFKA_PORT" "$WORK" --only kafka,redis --redis-port "$REDIS_PORT"
start_processor "127.0.0.1:$KAFKA_PORT" "$PROCESSOR_PORT" "$WORK" -Xmx1g
APP_ENV=(KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" REDIS_URL="redis://127.0.0.1:$REDIS_PORT" STOREPULSE_API_KEY="$KEY")
start_app producer-app "$PRODUCER_PORT" "$WORK" "${APP_ENV[@]}" PRODUCER_PORT="$PRODUCER_PORT"
# shellcheck disable=SC2034 # read by bench_cleanup
producer_pid=$started_pid
start_app serving-api "$SERVING_PORT" "$WORK" "${APP_ENV[@]}" SERVING_PORT="$SERVING_PORT" \
  STOREPULSE_PROCESSOR_URLS="http://127.0.0.1:$PROCESSOR_PORT"
# shellcheck disable=SC2034 # read by bench_cleanup
serving_pid=$started_pid

# Three clicks per user, a second apart, an hour ago: one session of 3 events each.
base="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M)"
for batch in $(seq 0 4); do
  for i in $(seq $((batch * 2000 + 1)) $((batch * 2000 + 2000))); do
    for c in 0 1 2; do
      printf '{"type":"click","event_id":"e-%d-%d","user_id":"u-%d","session_id":"s-%d","event_type":"PAGE_VIEW",' \
        "$i" "$c" "$i" "$i"
      printf '"page_url":"/","device_type":"DESKTOP","ip_address":"203.0.113.7","country":"US",'
      printf '"event_time":"%s:0%d.000Z"}\n' "$base" "$c"
    done
  done > "$WORK/batch.ndjson"
  curl -fs -H 'Content-Type: application/x-ndjson' --data-binary "@$WORK/batch.ndjson" \
    "http://127.0.0.1:$PRODUCER_PORT/v1/events" | jq -c '{accepted, rejected: (.rejected | length)}'
done
URI='/v1/users/{userId}/sessions'
url="http://127.0.0.1:$SERVING_PORT/v1/users/u-4242/sessions"
until curl -fs -H "Authorization: Bearer $KEY" "http://127.0.0.1:$SERVING_PORT/v1/users/u-$USERS/sessions" \
    | grep -q '"events":3'; do
  sleep 1
done
echo "sample answer: $(curl -fs -H "Authorization: Bearer $KEY" "$url")"

per_worker=$((RATE / WORKERS))
direct="http://127.0.0.1:$PROCESSOR_PORT/internal/v1/users/u-4242/sessions"
hey -z 5s -c "$WORKERS" -q "$per_worker" "$direct" > /dev/null
echo "for comparison, the processor's internal endpoint directly, $RATE requests/s for 15s:"
hey -z 15s -c "$WORKERS" -q "$per_worker" "$direct" | grep -E 'Requests/sec|  (50|99)% in'
hey -z 10s -c "$WORKERS" -q "$per_worker" -H "Authorization: Bearer $KEY" "$url" > /dev/null
echo "sessions endpoint, $RATE requests/s for ${DURATION}s ($WORKERS connections, relayed to the processor), hey:"
before="$(http_within "$SERVING_PORT" "$URI" 0.01)"
hey -z "${DURATION}s" -c "$WORKERS" -q "$per_worker" -H "Authorization: Bearer $KEY" "$url" \
  | grep -E 'Requests/sec|Average|Slowest|  (10|50|90|95|99)% in|\[[0-9]{3}\]'
print_within "$before" "$(http_within "$SERVING_PORT" "$URI" 0.01)" 0.01
echo "the same with wrk (paced by bench/paced.lua, one thread):"
before="$(http_within "$SERVING_PORT" "$URI" 0.01)"
wrk -t1 -c "$WORKERS" -d "${DURATION}s" -s "$ROOT/bench/paced.lua" "$url" -- "$RATE" "Bearer $KEY" | grep -A1 'requests/s'
print_within "$before" "$(http_within "$SERVING_PORT" "$URI" 0.01)" 0.01
echo "serving-api RSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$serving_pid/status") MiB," \
  "processor RSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$processor_pid/status") MiB"

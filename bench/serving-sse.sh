#!/usr/bin/env bash
# SSE fan-out: a local broker and Redis, one processor, serving-api and producer-app. CLIENTS (default 500)
# clients open GET /v1/fraud/alerts/stream, then the generator runs at RATE events/s (default 1,000) with a raised
# fraud ratio (BENCH_FRAUD_RATIO, default 0.05) for SECONDS (default 60). Prints how many clients received every
# alert of the run exactly once, and the delivery delay. Target: all 500 clients receive every alert of a 60 s run.
# Usage: bench/serving-sse.sh [clients] [rate] [seconds]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLIENTS="${1:-500}"
RATE="${2:-1000}"
DURATION="${3:-60}"
WORK="$(mktemp -d /tmp/storepulse-sse-bench-XXXXXX)"
KAFKA_PORT=29592
REDIS_PORT=29599
SERVING_PORT=28380
PRODUCER_PORT=28381
PROCESSOR_PORT=28382
KEY="bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
trap 'bench_cleanup "$WORK"' EXIT

ensure_built serving-api
start_kafka "$KAFKA_PORT" "$WORK" --only kafka,redis --redis-port "$REDIS_PORT"
start_processor "127.0.0.1:$KAFKA_PORT" "$PROCESSOR_PORT" "$WORK" -Xmx1g
APP_ENV=(KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" REDIS_URL="redis://127.0.0.1:$REDIS_PORT" STOREPULSE_API_KEY="$KEY")
start_app producer-app "$PRODUCER_PORT" "$WORK" "${APP_ENV[@]}" PRODUCER_PORT="$PRODUCER_PORT" \
  STOREPULSE_GENERATOR_FRAUD_RATIO="${BENCH_FRAUD_RATIO:-0.05}"
# shellcheck disable=SC2034 # read by bench_cleanup
producer_pid=$started_pid
start_app serving-api "$SERVING_PORT" "$WORK" "${APP_ENV[@]}" SERVING_PORT="$SERVING_PORT" \
  STOREPULSE_PROCESSOR_URLS="http://127.0.0.1:$PROCESSOR_PORT"
# shellcheck disable=SC2034 # read by bench_cleanup
serving_pid=$started_pid

java -Xmx512m "$ROOT/bench/SseFanout.java" "http://127.0.0.1:$SERVING_PORT" "http://127.0.0.1:$PRODUCER_PORT" "$KEY" \
  "$CLIENTS" "$RATE" "$DURATION"
echo "serving-api RSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$serving_pid/status") MiB"

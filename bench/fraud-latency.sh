#!/usr/bin/env bash
# Fraud detection latency under paced load. For each rate: a fresh local broker and processor-app (exactly-once,
# committing every 50 ms while it keeps up), generated traffic with injected fraud paced at that rate (a
# WARM-UP, then SECONDS measured), and a read_committed consumer of fraud-alerts that takes, per alert, its
# arrival minus the broker append time of the triggering event. Prints p50/p95/p99/p99.9, and when each alert
# slower than 500 ms arrived (one stall and a slow run look alike in percentiles).
# Usage: bench/fraud-latency.sh [rates] [seconds] [warm-up seconds]   (defaults: 5000,10000,20000, 60 and 20)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATES="${1:-5000,10000,20000}"
SECONDS_PER_RATE="${2:-60}"
WARM_UP="${3:-20}"
WORK="$(mktemp -d /tmp/storepulse-fraud-latency-XXXXXX)"
KAFKA_PORT=29292
PROCESSOR_PORT=28182

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

trap 'bench_cleanup "$WORK"' EXIT

ensure_built processor-app
# Each rate gets a fresh broker and processor: no state or users carried from one rate to the next.
for rate in ${RATES//,/ }; do
  run="$WORK/rate-$rate"
  mkdir -p "$run"
  start_kafka "$KAFKA_PORT" "$run"
  start_processor "127.0.0.1:$KAFKA_PORT" "$PROCESSOR_PORT" "$run" -Xmx1g
  java -Xmx1g -cp "$ROOT/traffic-model/target/classes:$(stack_classpath)" "$ROOT/bench/FraudLatency.java" \
    "127.0.0.1:$KAFKA_PORT" "$rate" "$SECONDS_PER_RATE" "$WARM_UP"
  echo "  processor RSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$processor_pid/status") MiB"
  # The processor first: its exactly-once producer cannot close once the broker is gone.
  kill "$processor_pid"
  wait "$processor_pid" 2>/dev/null || true
  kill "$stack_pid"
  wait "$stack_pid" 2>/dev/null || true
done

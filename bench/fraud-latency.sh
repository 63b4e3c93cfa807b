#!/usr/bin/env bash
# Fraud detection latency under paced load: a fresh local broker and processor-app (exactly-once), generated
# traffic with injected fraud paced at each rate for SECONDS, and a read_committed consumer of fraud-alerts that
# measures, per alert, its arrival minus the broker append time of the triggering event. Prints p50/p95/p99/p99.9.
# Usage: bench/fraud-latency.sh [rates] [seconds]   (defaults: 5000,10000,20000 and 60)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATES="${1:-5000,10000,20000}"
SECONDS_PER_RATE="${2:-60}"
WORK="$(mktemp -d /tmp/storepulse-fraud-latency-XXXXXX)"
KAFKA_PORT=29292
PROCESSOR_PORT=28182

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

trap 'bench_cleanup "$WORK"' EXIT

ensure_built processor-app
start_kafka "$KAFKA_PORT" "$WORK"
start_processor "127.0.0.1:$KAFKA_PORT" "$PROCESSOR_PORT" "$WORK" -Xmx1g
echo "processor ready; commit interval: Kafka Streams' exactly-once default (100 ms)"

java -Xmx1g -cp "$ROOT/traffic-model/target/classes:$(stack_classpath)" "$ROOT/bench/FraudLatency.java" \
  "127.0.0.1:$KAFKA_PORT" "$RATES" "$SECONDS_PER_RATE"
echo "processor RSS $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$processor_pid/status") MiB"

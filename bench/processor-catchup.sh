#!/usr/bin/env bash
# Processor catch-up throughput: preload N generated events (default 2,000,000) into a fresh local broker, start
# processor-app from the beginning (exactly-once, every computation on) and print records/s until no lag is left.
# Usage: bench/processor-catchup.sh [events]   (BENCH_JFR=/tmp/catchup.jfr to record a profile)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${1:-2000000}"
WORK="$(mktemp -d /tmp/storepulse-catchup-XXXXXX)"
KAFKA_PORT=29192

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

trap 'bench_cleanup "$WORK"' EXIT

ensure_built processor-app
start_kafka "$KAFKA_PORT" "$WORK"

java -Xmx1g -cp "$ROOT/traffic-model/target/classes:$(stack_classpath)" "$ROOT/bench/ProcessorCatchup.java" \
  "127.0.0.1:$KAFKA_PORT" "$EVENTS" "$ROOT/processor-app/target/quarkus-app/quarkus-run.jar" "$WORK"

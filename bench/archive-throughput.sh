#!/usr/bin/env bash
# Archive throughput: preload N generated events (default 2,000,000) into a fresh local broker beside a local S3
# store, then (bench/ArchiveThroughput.java) the processor's catch-up with the archiver off and on, objects per
# partition-hour at the archive's defaults, and the archiver alone from the beginning: records/s, MB of Parquet per
# CPU-second, RSS. Takes about 5 minutes at the default size.
# Usage: bench/archive-throughput.sh [events]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${1:-2000000}"
WORK="$(mktemp -d /tmp/storepulse-archive-bench-XXXXXX)"
KAFKA_PORT=29292
S3_PORT=29300

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

trap 'bench_cleanup "$WORK"' EXIT

ensure_built processor-app
start_kafka "$KAFKA_PORT" "$WORK" --only kafka,s3 --s3-port "$S3_PORT"

classpath="$ROOT/traffic-model/target/classes:$(stack_classpath)"
javac -nowarn -d "$WORK/classes" -cp "$classpath" "$ROOT/bench/ProcessorCatchup.java" "$ROOT/bench/ArchiveThroughput.java"
java -Xmx1g -cp "$WORK/classes:$classpath" ArchiveThroughput "127.0.0.1:$KAFKA_PORT" "http://127.0.0.1:$S3_PORT" \
  "$EVENTS" "$ROOT/processor-app/target/quarkus-app/quarkus-run.jar" "$WORK"

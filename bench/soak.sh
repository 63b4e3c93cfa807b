#!/usr/bin/env bash
# Soak: the full stack from `./storepulse up` (its own state directory and ports), the generator at RATE events/s
# for MINUTES. Each minute: the processor's consumer lag (max over its input partitions), every app's RSS and GC
# pause time in that minute, the fraud alerts' detection latency p99 in that minute (from the processor's
# histogram: the bucket it falls in), the share of input records sent to the dead-letter topics, and the rate the
# processor took in. At the end the generator stops, the processor catches up, and every record the generator had
# acknowledged on an input topic must have been counted once by the processor (valid + dlq + late), with the
# generator's malformed, beyond-grace and duplicate records against the dlq, late and duplicate routes.
# Targets (issue "reliability"): lag under 1,000 records throughout, RSS growth under 5 % over the last 20 minutes.
# Usage: bench/soak.sh [rate] [minutes]   (defaults 10000 and 30; e.g. bench/soak.sh 20000 10 for the second phase)
# The apps take the caller's environment: STOREPULSE_USER_STATE_STORE=rocksdb keeps the processor's user state on disk.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE="${1:-10000}"
MINUTES="${2:-30}"
WORK="$(mktemp -d /tmp/storepulse-soak-XXXXXX)"
export STOREPULSE_HOME="$WORK/home"
export SERVING_PORT=29480 PRODUCER_PORT=29481 PROCESSOR_PORT=29482 KAFKA_PORT=29492 REDIS_PORT=29479 S3_PORT=29400
unset KAFKA_BOOTSTRAP_SERVERS REDIS_URL S3_ENDPOINT
APPS=(producer-app processor-app serving-api)
declare -A PORT=([producer-app]=$PRODUCER_PORT [processor-app]=$PROCESSOR_PORT [serving-api]=$SERVING_PORT)

cleanup() {
  set +e
  "$ROOT/storepulse" down > /dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

metrics() { curl -fs "http://127.0.0.1:${PORT[$1]}/q/metrics"; }
generator() { curl -fs "http://127.0.0.1:$PRODUCER_PORT/v1/generator"; }
rss_mib() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$(cat "$STOREPULSE_HOME/pids/$1.pid")/status"; }
# Sum of every sample of a metric (all label sets), 0 if absent.
total() { awk -v name="$1" 'index($0, name) == 1 && (substr($0, length(name) + 1, 1) == "{" || substr($0, length(name) + 1, 1) == " ") { s += $NF } END { printf "%.6f\n", s }'; }
route() { awk -v r="route=\"$1\"" 'index($0, "storepulse_processor_records_total{") == 1 && index($0, r) { s += $NF } END { printf "%d\n", s }'; }
lag_max() { awk 'index($0, "storepulse_consumer_lag_records{") == 1 && index($0, "group=\"storepulse-processor\"") && $NF > m { m = $NF } END { printf "%d\n", m }'; }
# "le count" lines of the detection latency histogram.
latency_buckets() { awk 'index($0, "storepulse_fraud_detection_latency_seconds_bucket{") == 1 { match($0, /le="[^"]+"/); print substr($0, RSTART + 4, RLENGTH - 5), $NF }'; }
# p99 of the alerts between two latency_buckets snapshots: the upper bound of the bucket it falls in, in ms.
p99_ms() {
  awk 'NR == FNR { before[$1] = $2; next } { d[$1] = $2 - before[$1]; if ($1 == "+Inf") all = d[$1]; else les[++n] = $1 }
    END { if (all <= 0) { print "-"; exit }
          for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (les[j] + 0 < les[i] + 0) { t = les[i]; les[i] = les[j]; les[j] = t }
          for (i = 1; i <= n; i++) if (d[les[i]] >= 0.99 * all) { printf "<=%g\n", les[i] * 1000; exit }
          print ">10000" }' "$1" "$2"
}

echo "soak: $RATE events/s for $MINUTES minutes, state in $WORK, user state ${STOREPULSE_USER_STATE_STORE:-memory} (STOREPULSE_USER_STATE_STORE)"
"$ROOT/storepulse" up --detach --rate 0 > "$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; exit 1; }
curl -fs -H 'Content-Type: application/json' -d "{\"rate\":$RATE}" "http://127.0.0.1:$PRODUCER_PORT/v1/generator/start" > /dev/null

declare -A gc_before
max_lag=0
processor="$(metrics processor-app)"
echo "$processor" | latency_buckets > "$WORK/latency.before"
routes_before="$(echo "$processor" | route valid) $(echo "$processor" | route dlq) $(echo "$processor" | route late)"
for app in "${APPS[@]}"; do gc_before[$app]="$(metrics "$app" | total jvm_gc_pause_seconds_sum)"; done
printf '%-4s %9s %10s %10s %10s %14s %11s %8s %11s\n' min lag_max rss_prod rss_proc rss_serv gc_ms_p/pr/s alert_p99 dlq_% in_per_s
start=$SECONDS
for minute in $(seq 1 "$MINUTES"); do
  while [ $((SECONDS - start)) -lt $((minute * 60)) ]; do
    sleep 5
    lag="$(metrics processor-app | lag_max)"
    [ "$lag" -gt "$max_lag" ] && max_lag=$lag
  done
  processor="$(metrics processor-app)"
  echo "$processor" | latency_buckets > "$WORK/latency.now"
  p99="$(p99_ms "$WORK/latency.before" "$WORK/latency.now")"
  mv "$WORK/latency.now" "$WORK/latency.before"
  lag="$(echo "$processor" | lag_max)"
  [ "$lag" -gt "$max_lag" ] && max_lag=$lag
  routes_now="$(echo "$processor" | route valid) $(echo "$processor" | route dlq) $(echo "$processor" | route late)"
  read -r dlq_share in_rate < <(awk -v a="$routes_before" -v b="$routes_now" 'BEGIN { split(a, x, " "); split(b, y, " ")
    n = (y[1] - x[1]) + (y[2] - x[2]) + (y[3] - x[3]); printf "%.2f %d\n", n ? 100 * (y[2] - x[2]) / n : 0, n / 60 }')
  routes_before="$routes_now"
  gc=""
  for app in "${APPS[@]}"; do
    now="$(metrics "$app" | total jvm_gc_pause_seconds_sum)"
    gc="$gc$(awk -v a="${gc_before[$app]}" -v b="$now" 'BEGIN { printf "%d", (b - a) * 1000 }')/"
    gc_before[$app]="$now"
    rss="$(rss_mib "$app")"
    printf '%s\n' "$rss" > "$WORK/rss.$app.$minute"
  done
  printf '%-4s %9s %10s %10s %10s %14s %11s %8s %11s\n' "$minute" "$lag" "$(cat "$WORK/rss.producer-app.$minute")" \
    "$(cat "$WORK/rss.processor-app.$minute")" "$(cat "$WORK/rss.serving-api.$minute")" "${gc%/}" "$p99" "$dlq_share" "$in_rate"
done

curl -fs -X POST "http://127.0.0.1:$PRODUCER_PORT/v1/generator/stop" > /dev/null
deadline=$((SECONDS + 300))
until [ "$(generator | jq '.totals.in_flight')" = 0 ] && [ "$(metrics processor-app | lag_max)" = 0 ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "soak: the processor did not catch up within 300 s"; exit 1; }
  sleep 2
done
sleep 5   # the route counters of the last transaction

status="$(generator)"
processor="$(metrics processor-app)"
failed="$(echo "$status" | jq '.totals.failed')"
acknowledged="$(echo "$status" | jq '.totals.acknowledged')"
ground_truth="$(echo "$status" | jq '.totals.by_origin.ground_truth // 0')"
expected=$((acknowledged - ground_truth))
valid="$(echo "$processor" | route valid)"; dlq="$(echo "$processor" | route dlq)"
late="$(echo "$processor" | route late)"; duplicate="$(echo "$processor" | route duplicate)"
counted=$((valid + dlq + late))
echo
echo "max consumer lag over the run: $max_lag records (target < 1000)"
first=1
[ "$MINUTES" -gt 20 ] && first=$((MINUTES - 20))
for app in "${APPS[@]}"; do
  awk -v app="$app" -v m0="$first" -v m1="$MINUTES" -v a="$(cat "$WORK/rss.$app.$first")" -v b="$(cat "$WORK/rss.$app.$MINUTES")" \
    'BEGIN { printf "%s RSS minute %d to %d: %d -> %d MiB (%+.1f %%; target < 5 %%)\n", app, m0, m1, a, b, 100 * (b - a) / a }'
done
echo "generator: $acknowledged acknowledged ($ground_truth on ground-truth.fraud), $failed failed; by origin: $(echo "$status" | jq -c '.totals.by_origin')"
echo "processor: valid $valid + dlq $dlq + late $late = $counted (duplicates among the valid: $duplicate)"
echo "generator's malformed $(echo "$status" | jq '.totals.by_origin.malformed // 0') vs dlq $dlq;" \
  "beyond grace $(echo "$status" | jq '.totals.by_origin.late_beyond_grace // 0') vs late $late;" \
  "duplicates $(echo "$status" | jq '.totals.by_origin.duplicate // 0') vs duplicate $duplicate"
if [ "$failed" = 0 ] && [ "$counted" = "$expected" ]; then
  echo "soak: every acknowledged input record counted once ($counted)"
else
  echo "soak: FAIL: $expected input records acknowledged, $counted counted, $failed failed"
  exit 1
fi

#!/usr/bin/env bash
# Static checks of the monitoring files, no running app needed: the Prometheus configuration and alert rules load
# (promtool check), the rules' unit tests pass (promtool test rules), every alert has a unit test in which it fires
# and one in which it stays silent, every runbook_url names a section of docs/RUNBOOK.md, and every dashboard is
# Grafana JSON on the provisioned datasource.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROMETHEUS_DIR="$ROOT/dashboards/prometheus"
RULES="$PROMETHEUS_DIR/alerts.yml"
TESTS="$PROMETHEUS_DIR/alerts.test.yml"
RUNBOOK="$ROOT/docs/RUNBOOK.md"
DATASOURCE_UID=storepulse-prometheus

passed=0
failed=0
check() {
  local name="$1"
  shift
  local output
  if output="$("$@" 2>&1)"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    printf '%s\n' "$output" | sed 's/^/     /'
  fi
}

for tool in promtool jq; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "FAIL $tool not found: install it with apt-get install $([ "$tool" = promtool ] && echo prometheus || echo "$tool")"
    exit 1
  }
done

check "promtool check config prometheus.yml (with its rule files)" promtool check config "$PROMETHEUS_DIR/prometheus.yml"
check "promtool check rules alerts.yml" promtool check rules "$RULES"
check "promtool test rules alerts.test.yml" promtool test rules "$TESTS"

mapfile -t alerts < <(sed -nE 's/^[[:space:]]*- alert:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' "$RULES")
[ "${#alerts[@]}" -gt 0 ] || { echo "FAIL no alert found in $RULES"; exit 1; }

# For an alert, the expectations of its test cases: "fires" (exp_alerts lists alerts) or "silent" (exp_alerts: []).
expectations() {
  awk -v alert="$1" '
    /^[[:space:]]*alertname:/ { current = $2; next }
    current == alert && /^[[:space:]]*exp_alerts:[[:space:]]*\[\][[:space:]]*$/ { print "silent"; current = ""; next }
    current == alert && /^[[:space:]]*exp_alerts:[[:space:]]*$/ { print "fires"; current = ""; next }
  ' "$TESTS" | sort -u
}

slug() { tr '[:upper:]' '[:lower:]' <<<"$1" | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'; }
mapfile -t anchors < <(sed -nE 's/^#+[[:space:]]+(.*)$/\1/p' "$RUNBOOK" | while IFS= read -r heading; do slug "$heading"; done)
has_anchor() {
  local anchor
  for anchor in "${anchors[@]}"; do
    [ "$anchor" = "$1" ] && return 0
  done
  echo "docs/RUNBOOK.md has no heading with the anchor #$1"
  return 1
}

for alert in "${alerts[@]}"; do
  cases="$(expectations "$alert")"
  check "$alert has a unit test where it fires" grep -qx fires <<<"$cases"
  check "$alert has a unit test where it stays silent" grep -qx silent <<<"$cases"
done

while IFS= read -r url; do
  check "runbook_url $url names a RUNBOOK section" has_anchor "${url#*#}"
done < <(sed -nE 's/^[[:space:]]*runbook_url:[[:space:]]*(.*)$/\1/p' "$RULES")
runbook_urls="$(grep -c 'runbook_url:' "$RULES")"
check "every alert has a runbook_url (${#alerts[@]} alerts, $runbook_urls urls)" test "$runbook_urls" = "${#alerts[@]}"

for dashboard in "$ROOT"/dashboards/grafana/*.json; do
  name="dashboards/grafana/$(basename "$dashboard")"
  check "$name is a Grafana dashboard (uid, title, schemaVersion, panels)" \
    jq -e '(.uid | type == "string") and (.title | type == "string") and (.schemaVersion >= 36) and (.panels | length > 0)' "$dashboard"
  # shellcheck disable=SC2016 # $uid is a jq variable
  check "$name queries only the datasource $DATASOURCE_UID" \
    jq -e --arg uid "$DATASOURCE_UID" '[.. | objects | select(has("datasource") and (.datasource | type == "object"))
      | .datasource | select(.type == "prometheus") | .uid] | length > 0 and all(. == $uid)' "$dashboard"
done
dashboard_uids="$(jq -r '.uid' "$ROOT"/dashboards/grafana/*.json | sort | uniq -d)"
check "dashboard uids are unique" test -z "$dashboard_uids"
check "the provisioned datasource has the uid the dashboards use" \
  grep -qE "^[[:space:]]*uid:[[:space:]]*${DATASOURCE_UID}[[:space:]]*\$" "$ROOT/dashboards/provisioning/datasources/storepulse-prometheus.yml"

echo "rules: $passed passed, $failed failed"
[ "$failed" = 0 ]

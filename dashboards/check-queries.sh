#!/usr/bin/env bash
# Checks dashboard queries and alert rules against a running Prometheus that scrapes the StorePulse apps:
# every expression must parse, every metric it names must be scraped, every dashboard query must return data,
# and every rule Prometheus loaded must evaluate without error. One line per expression, then a summary.
# Usage: dashboards/check-queries.sh PROMETHEUS_URL DASHBOARD.json...   (exit 0 = all ok, 1 = a failure)
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 PROMETHEUS_URL DASHBOARD.json..." >&2; exit 2; }
PROM="${1%/}"
shift
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "FAIL $tool is needed (apt-get install $tool)"; exit 1; }
done

# Grafana's interval variables, as Grafana would set them for the provisioned datasource (scrape interval 10 s)
# and the dashboards' default range: $__rate_interval is four scrape intervals.
RATE_INTERVAL="${STOREPULSE_RATE_INTERVAL:-40s}"
INTERVAL="${STOREPULSE_INTERVAL:-10s}"
RANGE="${STOREPULSE_RANGE:-1h}"

# Counters the apps register on their first increment, i.e. on the first error: absent from a healthy stack.
# Queries reading them fall back to a zero series of their companion counter, which the data check covers.
FIRST_ERROR_METRICS=(storepulse_producer_send_errors_total storepulse_processor_production_errors_total)

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

known_names="$(curl -fsS --max-time 10 "$PROM/api/v1/label/__name__/values" | jq -r '.data[]')" \
  || { echo "FAIL Prometheus at $PROM does not answer"; exit 1; }

# Metric names an expression selects: what is left once strings, label matchers, ranges, grouping clauses,
# function calls, keywords and numbers are taken out.
metric_names() {
  tr '\n' ' ' <<<"$1" \
    | sed -E 's/"([^"\\]|\\.)*"//g; s/\{[^}]*\}//g; s/\[[^]]*\]//g' \
    | sed -E 's/(by|without|on|ignoring|group_left|group_right)[[:space:]]*\([^)]*\)//g' \
    | grep -oE '[0-9.]*[a-zA-Z_:][a-zA-Z0-9_:]*[[:space:]]*\(?' \
    | grep -vE '\($|^[0-9.]' \
    | sed -E 's/[[:space:]]+$//' \
    | grep -vxE 'and|or|unless|bool|offset|inf|nan|Inf|NaN' \
    | sort -u || true
}

unknown_names() {
  local name skip first
  for name in $(metric_names "$1"); do
    grep -qxF "$name" <<<"$known_names" && continue
    skip=0
    for first in "${FIRST_ERROR_METRICS[@]}"; do
      [ "$name" = "$first" ] && skip=1
    done
    [ "$skip" = 1 ] || printf '%s ' "$name"
  done
}

# Runs an instant query; prints "<series count> <how many of them are NaN>" or "error: <message>".
run_query() {
  local answer
  answer="$(curl -sS --max-time 20 -G --data-urlencode "query=$1" "$PROM/api/v1/query" 2>&1)" \
    || { echo "error: $answer"; return; }
  jq -r 'if .status != "success" then "error: \(.errorType): \(.error)"
         elif .data.resultType == "vector" then "\(.data.result | length) \([.data.result[] | select(.value[1] == "NaN")] | length)"
         else "1 0" end' <<<"$answer" 2>/dev/null || echo "error: not JSON: $answer"
}

# Checks one expression; $3 = "data" when it must return at least one series.
check_expr() {
  local where="$1" expr="$2" need="$3" result missing
  if [[ "$expr" =~ \$[a-zA-Z_{]|\[\[ ]]; then
    fail "$where: unknown template variable in: $expr"
    return
  fi
  result="$(run_query "$expr")"
  if [[ "$result" == error:* ]]; then
    fail "$where: does not parse or evaluate ($result): $expr"
    return
  fi
  missing="$(unknown_names "$expr")"
  if [ -n "$missing" ]; then
    fail "$where: metric not exposed by any app: ${missing% }: $expr"
    return
  fi
  local series="${result% *}" nans="${result#* }"
  if [ "$need" = data ] && [ "$series" = 0 ]; then
    fail "$where: no data: $expr"
    return
  fi
  # A quantile of a histogram with no observation in the window is NaN: data, but worth seeing.
  ok "$where: $series series$([ "$nans" = 0 ] || echo ", $nans NaN (nothing observed in the window)")"
}

for dashboard in "$@"; do
  [ -f "$dashboard" ] || { fail "$dashboard: no such file"; continue; }
  title="$(jq -r '.title' "$dashboard")" || { fail "$dashboard: not JSON"; continue; }
  # Every template variable becomes its "All" value; the dashboards match variables with =~.
  substitutions=(-e "s/\\\$__rate_interval/$RATE_INTERVAL/g" -e "s/\\\$__interval/$INTERVAL/g" -e "s/\\\$__range/$RANGE/g")
  while IFS=$'\x1f' read -r name all; do
    substitutions+=(-e "s/\\\$\\{$name\\}/$all/g" -e "s/\\\$$name\\b/$all/g")
  done < <(jq -r '.templating.list[]? | [.name, (.allValue // ".*")] | join("\u001f")' "$dashboard")

  while IFS=$'\x1f' read -r name query; do
    if [[ "$query" =~ ^label_values\(([^,]+),[[:space:]]*([a-zA-Z_]+)\)$ ]]; then
      check_expr "$title / variable \$$name" "group by (${BASH_REMATCH[2]}) (${BASH_REMATCH[1]})" data
    else
      fail "$title / variable \$$name: not a label_values(metric, label) query: $query"
    fi
  done < <(jq -r '.templating.list[]? | select(.type == "query") | [.name, (.query.query // .query)] | join("\u001f")' "$dashboard")

  panels=0
  while IFS=$'\x1f' read -r panel ref expr; do
    panels=$((panels + 1))
    check_expr "$title / $panel [$ref]" "$(sed -E "${substitutions[@]}" <<<"$expr")" data
  done < <(jq -r '[.panels[]?, .panels[]?.panels[]?] | .[] | select(.targets) | .title as $t
                  | .targets[] | select(.expr) | [$t, .refId, (.expr | gsub("\n"; " "))] | join("\u001f")' "$dashboard")
  [ "$panels" -gt 0 ] || fail "$title: no panel queries found"
done

rules="$(curl -fsS --max-time 10 "$PROM/api/v1/rules" \
  | jq -r '.data.groups[].rules[] | [.name, .health, (.lastError // ""), (.query | gsub("\n"; " "))] | join("\u001f")')" \
  || { fail "Prometheus at $PROM lists no rules"; rules=""; }
[ -n "$rules" ] || fail "Prometheus has loaded no alert rules"
while IFS=$'\x1f' read -r name health error query; do
  [ -n "$name" ] || continue
  if [ "$health" = err ]; then
    fail "rule $name: evaluation fails: $error"
    continue
  fi
  check_expr "rule $name" "$query" any
done <<<"$rules"

echo "check: $passed ok, $failed failed"
[ "$failed" = 0 ]

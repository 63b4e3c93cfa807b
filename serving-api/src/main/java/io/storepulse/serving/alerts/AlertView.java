package io.storepulse.serving.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storepulse.avro.FraudAlert;
import io.storepulse.service.json.ContractJson;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A fraud alert as the REST API and the SSE stream show it (CONTRACT section 6). */
@RegisterForReflection
public record AlertView(
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("rule") String rule,
        @JsonProperty("user_id") String userId,
        @JsonProperty("risk_score") double riskScore,
        @JsonProperty("severity") String severity,
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("event_time") String eventTime,
        @JsonProperty("detected_at") String detectedAt,
        @JsonProperty("evidence") Map<String, Object> evidence,
        @JsonProperty("event_ids") List<String> eventIds) {

    public static AlertView of(FraudAlert alert) {
        Map<String, Object> evidence = new TreeMap<>();
        alert.getEvidence().forEach((key, value) -> evidence.put(key.toString(),
                value instanceof CharSequence text ? text.toString() : value));
        return new AlertView(alert.getAlertId(), alert.getRule().name(), alert.getUserId(), alert.getRiskScore(),
                alert.getSeverity().name(), ContractJson.time(alert.getWindowStart()),
                ContractJson.time(alert.getWindowEnd()), ContractJson.time(alert.getEventTime()),
                ContractJson.time(alert.getDetectedAt()), evidence, List.copyOf(alert.getEventIds()));
    }
}

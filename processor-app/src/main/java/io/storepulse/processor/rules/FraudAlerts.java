package io.storepulse.processor.rules;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.Severity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Turns a detection into the contract's FraudAlert record (CONTRACT section 6). */
public final class FraudAlerts {

    private FraudAlerts() {
    }

    /** CONTRACT section 8: HIGH from 0.8, MEDIUM from 0.5, LOW below. */
    public static Severity severityOf(double riskScore) {
        if (riskScore >= 0.8) {
            return Severity.HIGH;
        }
        return riskScore >= 0.5 ? Severity.MEDIUM : Severity.LOW;
    }

    /**
     * The same user, rule, window and triggering event always give the same id, so a replay or a restart that
     * processes the event again produces an alert a reader recognises as already seen.
     */
    public static String alertId(String userId, Detection detection, String triggerEventId) {
        String identity = detection.rule() + "|" + userId + "|" + detection.windowStart() + "|"
                + detection.windowEnd() + "|" + triggerEventId;
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static FraudAlert toAlert(String userId, Detection detection, Trigger trigger, long detectedAt) {
        double score = Math.round(Math.max(0.0, Math.min(1.0, detection.riskScore())) * 1000) / 1000.0;
        Map<String, Object> evidence = new TreeMap<>(detection.evidence());
        return FraudAlert.newBuilder()
                .setAlertId(alertId(userId, detection, trigger.eventId()))
                .setRule(detection.rule())
                .setUserId(userId)
                .setRiskScore(score)
                .setSeverity(severityOf(score))
                .setWindowStart(Instant.ofEpochMilli(detection.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(detection.windowEnd()))
                .setEventTime(Instant.ofEpochMilli(trigger.time()))
                .setDetectedAt(Instant.ofEpochMilli(detectedAt))
                .setEvidence(evidence)
                .setEventIds(detection.eventIds())
                .build();
    }
}

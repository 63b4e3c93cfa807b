package io.storepulse.system;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.system.TrafficFeed.ProducedRecord;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The committed fraud alerts of two runs over the same input records. Each run must commit every alert_id once, and
 * both runs the same alerts, equal but for detected_at, the processor's clock. That holds for IMPOSSIBLE_TRAVEL too,
 * the one rule over both clicks and purchases, because the processor merges a user's two input partitions by event
 * time, not by the broker's append time, which differs with the pace and batching of the writes. The alerts that
 * differ are shown with the user's events.
 */
final class AlertComparison {

    private static final int USERS_SHOWN = 3;

    private AlertComparison() {
    }

    static void compare(String expectedRun, List<FraudAlert> expected, String actualRun, List<FraudAlert> actual,
                        List<ProducedRecord> produced, Mismatches mismatches, List<String> summary) {
        checkCommittedOnce(expectedRun, expected, mismatches);
        checkCommittedOnce(actualRun, actual, mismatches);
        Map<String, FraudAlert> expectedById = byId(expected);
        Map<String, FraudAlert> actualById = byId(actual);
        mismatches.compare("alert", expectedById, actualById);

        summary.add(String.format("fraud alerts by rule: %s %s, %s %s", rules(actual), actualRun, rules(expected),
                expectedRun));
        usersWithDifferentAlerts(expectedById, actualById).stream().limit(USERS_SHOWN).forEach(user -> {
            summary.add("alerts of " + user + ", whose events are:");
            UserTimeline.eventsOf(user, produced).forEach(event -> summary.add("  " + event));
            alertsOf(user, actual).forEach(alert -> summary.add("  " + actualRun + ": "
                    + UserTimeline.describe(alert)));
            alertsOf(user, expected).forEach(alert -> summary.add("  " + expectedRun + ": "
                    + UserTimeline.describe(alert)));
        });
    }

    private static void checkCommittedOnce(String run, List<FraudAlert> alerts, Mismatches mismatches) {
        alerts.stream().collect(Collectors.groupingBy(FraudAlert::getAlertId, TreeMap::new, Collectors.counting()))
                .forEach((id, times) -> mismatches.check("times alert " + id + " was committed " + run, 1L, times));
    }

    /** The alerts by alert_id, detected_at cleared. */
    private static Map<String, FraudAlert> byId(List<FraudAlert> alerts) {
        Map<String, FraudAlert> byId = new TreeMap<>();
        alerts.forEach(alert -> byId.put(alert.getAlertId(),
                FraudAlert.newBuilder(alert).setDetectedAt(Instant.EPOCH).build()));
        return byId;
    }

    private static Set<String> usersWithDifferentAlerts(Map<String, FraudAlert> expected,
                                                        Map<String, FraudAlert> actual) {
        Set<String> users = new TreeSet<>();
        expected.forEach((id, alert) -> {
            if (!alert.equals(actual.get(id))) {
                users.add(alert.getUserId());
            }
        });
        actual.forEach((id, alert) -> {
            if (!expected.containsKey(id)) {
                users.add(alert.getUserId());
            }
        });
        return users;
    }

    private static List<FraudAlert> alertsOf(String user, List<FraudAlert> alerts) {
        return alerts.stream().filter(alert -> alert.getUserId().equals(user)).toList();
    }

    private static Map<FraudRule, Long> rules(List<FraudAlert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(FraudAlert::getRule, () -> new EnumMap<>(FraudRule.class),
                Collectors.counting()));
    }
}

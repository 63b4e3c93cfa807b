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
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The committed fraud alerts of two runs over the same input records. Each run must commit every alert_id once.
 * Alerts of every rule but IMPOSSIBLE_TRAVEL must be equal by alert_id, and equal but for detected_at, the
 * processor's clock. IMPOSSIBLE_TRAVEL is the one rule over both clicks and purchases, and which event completes the
 * third country, hence the alert's window, id and evidence, depends on the order in which the user's two input
 * partitions were interleaved; the processor interleaves them by the broker's append time, which differs with the
 * pace and batching of the writes. For it only the users alerted, and how often, must be equal; its alerts that
 * differ all the same are counted and the first is shown with the user's events.
 */
final class AlertComparison {

    private static final FraudRule ORDER_DEPENDENT = FraudRule.IMPOSSIBLE_TRAVEL;
    private static final int USERS_SHOWN = 3;

    private AlertComparison() {
    }

    static void compare(String expectedRun, List<FraudAlert> expected, String actualRun, List<FraudAlert> actual,
                        List<ProducedRecord> produced, Mismatches mismatches, List<String> summary) {
        checkCommittedOnce(expectedRun, expected, mismatches);
        checkCommittedOnce(actualRun, actual, mismatches);
        Predicate<FraudAlert> exact = alert -> alert.getRule() != ORDER_DEPENDENT;
        Map<String, FraudAlert> expectedExact = byId(expected, exact);
        Map<String, FraudAlert> actualExact = byId(actual, exact);
        mismatches.compare("alert", expectedExact, actualExact);
        Map<String, FraudAlert> expectedTravel = byId(expected, exact.negate());
        Map<String, FraudAlert> actualTravel = byId(actual, exact.negate());
        mismatches.compare(ORDER_DEPENDENT + " alerts of", timesAlerted(expectedTravel), timesAlerted(actualTravel));

        summary.add(String.format("fraud alerts by rule: %s %s, %s %s", rules(actual), actualRun, rules(expected),
                expectedRun));
        Set<String> travellers = usersWithDifferentAlerts(expectedTravel, actualTravel);
        summary.add(String.format("%d of %d users with %s alerts have them with another trigger or evidence %s "
                + "than %s", travellers.size(), timesAlerted(expectedTravel).size(), ORDER_DEPENDENT, actualRun,
                expectedRun));
        Set<String> shown = new TreeSet<>(usersWithDifferentAlerts(expectedExact, actualExact));
        travellers.stream().limit(1).forEach(shown::add);
        shown.stream().limit(USERS_SHOWN).forEach(user -> {
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

    /** The alerts that pass {@code filter} by alert_id, detected_at cleared. */
    private static Map<String, FraudAlert> byId(List<FraudAlert> alerts, Predicate<FraudAlert> filter) {
        Map<String, FraudAlert> byId = new TreeMap<>();
        alerts.stream().filter(filter).forEach(alert -> byId.put(alert.getAlertId(),
                FraudAlert.newBuilder(alert).setDetectedAt(Instant.EPOCH).build()));
        return byId;
    }

    private static Map<String, Long> timesAlerted(Map<String, FraudAlert> alerts) {
        return alerts.values().stream().collect(Collectors.groupingBy(FraudAlert::getUserId, TreeMap::new,
                Collectors.counting()));
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

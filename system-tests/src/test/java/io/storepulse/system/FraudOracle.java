package io.storepulse.system;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.Severity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The fraud alerts the processor must commit for the clicks and purchases that count, worked out by brute force from
 * CONTRACT section 8 (rules, windows, "silent until the span has passed in event time") with the default thresholds,
 * in the order ARCHITECTURE ("Processing order") says a task processes its two input partitions: merged by record
 * timestamp, which is the partition's watermark (the newest valid event time up to and including the record). The
 * order matters only for IMPOSSIBLE_TRAVEL, the one rule over both inputs, and for AMOUNT_SPIKE's "previous
 * purchases", which are one partition's.
 *
 * <p>An alert is compared by rule, user, window and event time, and by its events: the event ids for every rule but
 * IMPOSSIBLE_TRAVEL, whose {@code event_ids} name one event per country, which one being the processor's choice;
 * for it the countries those events are from. Every user's history is kept whole: the traffic of the tests using
 * this spans far less than the 24 hours after which the processor forgets an idle user.
 */
final class FraudOracle {

    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final long TEN_MINUTES = Duration.ofMinutes(10).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int CLICKS_PER_MINUTE = 60;
    private static final int PURCHASES_PER_TEN_MINUTES = 5;
    private static final BigDecimal SPIKE_MIN = new BigDecimal("1000");
    private static final BigDecimal SPIKE_ALWAYS = new BigDecimal("5000");
    private static final BigDecimal SPIKE_MULTIPLE = BigDecimal.valueOf(5);
    private static final int SPIKE_MIN_PREVIOUS = 3;
    private static final int TRAVEL_COUNTRIES = 3;
    private static final BigDecimal CARD_TEST_UNDER = new BigDecimal("5.00");
    private static final int CARD_TEST_PURCHASES = 5;
    private static final int CARD_TEST_CARDS = 3;

    /**
     * A click or purchase that counts (valid, on time, first of its event_id), where the broker stored it and the
     * record timestamp the processor merges by. {@code amount} and {@code card} are null for a click.
     */
    record Counted(int partition, boolean click, long offset, long timestamp, String user, String eventId, long time,
                   String country, BigDecimal amount, String card) {
    }

    /** One user's counted events in processing order, and what the rules remember. */
    private static final class User {
        final List<Counted> processed = new ArrayList<>();
        final Map<Long, List<String>> clicksByMinute = new HashMap<>();
        final Map<FraudRule, List<Long>> alertEnds = new EnumMap<>(FraudRule.class);
        int purchases;
        BigDecimal purchaseSum = BigDecimal.ZERO;

        List<Counted> within(long from, long to, Predicate<Counted> which) {
            return processed.stream().filter(e -> e.time() >= from && e.time() <= to).filter(which).toList();
        }

        /** Records an alert of a span rule unless one within {@code span} of its window end came first. */
        boolean alertOnce(FraudRule rule, long windowEnd, long span) {
            List<Long> ends = alertEnds.computeIfAbsent(rule, r -> new ArrayList<>());
            if (ends.stream().anyMatch(end -> Math.abs(end - windowEnd) < span)) {
                return false;
            }
            ends.add(windowEnd);
            return true;
        }
    }

    private final Map<String, List<String>> expected = new TreeMap<>();
    private final Map<String, Counted> byId = new HashMap<>();
    private final Map<FraudRule, Integer> expectedByRule = new EnumMap<>(FraudRule.class);

    private FraudOracle() {
    }

    /** The alerts for {@code counted}, given in any order. */
    static FraudOracle of(List<Counted> counted) {
        FraudOracle oracle = new FraudOracle();
        Map<String, User> users = new HashMap<>();
        counted.stream()
                .sorted(Comparator.comparingInt(Counted::partition).thenComparingLong(Counted::timestamp)
                        .thenComparing(Counted::click, Comparator.reverseOrder()).thenComparingLong(Counted::offset))
                .forEach(event -> {
                    oracle.byId.put(event.eventId(), event);
                    oracle.process(users.computeIfAbsent(event.user(), id -> new User()), event);
                });
        return oracle;
    }

    /** How many alerts of each rule the processor must commit. */
    Map<FraudRule, Integer> expectedByRule() {
        return expectedByRule;
    }

    /**
     * Compares {@code committed} with the expected alerts, adding each difference to {@code mismatches} and one line
     * to {@code summary}; a committed alert's risk score must be in [0, 1] and its severity the one CONTRACT gives it.
     */
    void compare(List<FraudAlert> committed, Mismatches mismatches, List<String> summary) {
        Map<String, List<String>> actual = new TreeMap<>();
        for (FraudAlert alert : committed) {
            String key = key(alert.getRule(), alert.getUserId(), alert.getWindowStart().toEpochMilli(),
                    alert.getWindowEnd().toEpochMilli(), alert.getEventTime().toEpochMilli());
            actual.computeIfAbsent(key, k -> new ArrayList<>()).add(events(alert));
            mismatches.check("risk score in [0, 1] of alert " + alert.getAlertId(), true,
                    alert.getRiskScore() >= 0 && alert.getRiskScore() <= 1);
            mismatches.check("severity of alert " + alert.getAlertId() + " with risk score " + alert.getRiskScore(),
                    severity(alert.getRiskScore()), alert.getSeverity());
        }
        actual.values().forEach(list -> list.sort(null));
        mismatches.compare("fraud alert", expected, actual);
        summary.add(String.format("compared %,d committed fraud alerts with the %,d the fraud oracle expects: %s",
                committed.size(), expected.values().stream().mapToInt(List::size).sum(), expectedByRule));
    }

    private void process(User user, Counted event) {
        user.processed.add(event);
        long t = event.time();
        if (event.click()) {
            long minute = Math.floorDiv(t, MINUTE) * MINUTE;
            List<String> clicks = user.clicksByMinute.computeIfAbsent(minute, m -> new ArrayList<>());
            clicks.add(event.eventId());
            if (clicks.size() == CLICKS_PER_MINUTE + 1) {
                expect(FraudRule.CLICK_RATE, event, minute, minute + MINUTE, ids(clicks));
            }
        } else {
            purchaseRules(user, event);
        }
        List<Counted> lastHour = user.within(t - HOUR, t, e -> true);
        TreeSet<String> countries = lastHour.stream().map(Counted::country).collect(Collectors.toCollection(TreeSet::new));
        if (countries.size() >= TRAVEL_COUNTRIES && user.alertOnce(FraudRule.IMPOSSIBLE_TRAVEL, t, HOUR)) {
            expect(FraudRule.IMPOSSIBLE_TRAVEL, event, t - HOUR, t, "countries " + countries);
        }
        if (!event.click()) {
            user.purchases++;
            user.purchaseSum = user.purchaseSum.add(event.amount());
        }
    }

    private void purchaseRules(User user, Counted purchase) {
        long t = purchase.time();
        List<Counted> recent = user.within(t - TEN_MINUTES, t, e -> !e.click());
        if (recent.size() > PURCHASES_PER_TEN_MINUTES
                && user.alertOnce(FraudRule.PURCHASE_VELOCITY, t, TEN_MINUTES)) {
            expect(FraudRule.PURCHASE_VELOCITY, purchase, t - TEN_MINUTES, t, idsOf(recent));
        }
        BigDecimal amount = purchase.amount();
        boolean relative = amount.compareTo(SPIKE_MIN) >= 0 && user.purchases >= SPIKE_MIN_PREVIOUS
                && amount.multiply(BigDecimal.valueOf(user.purchases))
                .compareTo(SPIKE_MULTIPLE.multiply(user.purchaseSum)) >= 0;
        if (amount.compareTo(SPIKE_ALWAYS) >= 0 || relative) {
            expect(FraudRule.AMOUNT_SPIKE, purchase, t, t, ids(List.of(purchase.eventId())));
        }
        List<Counted> small = recent.stream().filter(e -> e.amount().compareTo(CARD_TEST_UNDER) < 0).toList();
        long cards = small.stream().map(Counted::card).filter(Objects::nonNull).distinct().count();
        if (small.size() >= CARD_TEST_PURCHASES && cards >= CARD_TEST_CARDS
                && user.alertOnce(FraudRule.CARD_TESTING, t, TEN_MINUTES)) {
            expect(FraudRule.CARD_TESTING, purchase, t - TEN_MINUTES, t, idsOf(small));
        }
    }

    private void expect(FraudRule rule, Counted trigger, long windowStart, long windowEnd, String events) {
        List<String> alerts = expected.computeIfAbsent(key(rule, trigger.user(), windowStart, windowEnd,
                trigger.time()), k -> new ArrayList<>());
        alerts.add(events);
        alerts.sort(null);
        expectedByRule.merge(rule, 1, Integer::sum);
    }

    /** What is compared of a committed alert's events: the countries of IMPOSSIBLE_TRAVEL's, the ids of others'. */
    private String events(FraudAlert alert) {
        if (alert.getRule() != FraudRule.IMPOSSIBLE_TRAVEL) {
            return ids(alert.getEventIds());
        }
        TreeSet<String> countries = new TreeSet<>();
        for (String id : alert.getEventIds()) {
            Counted event = byId.get(id);
            boolean inWindow = event != null && event.user().equals(alert.getUserId())
                    && event.time() >= alert.getWindowStart().toEpochMilli()
                    && event.time() <= alert.getWindowEnd().toEpochMilli();
            countries.add(inWindow ? event.country() : "event " + id + " of no counted click or purchase in the window");
        }
        return "countries " + countries;
    }

    private static String key(FraudRule rule, String user, long windowStart, long windowEnd, long eventTime) {
        return String.format("%s of %s on %s in [%s, %s]", rule, user, Instant.ofEpochMilli(eventTime),
                Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowEnd));
    }

    private static String idsOf(List<Counted> events) {
        return ids(events.stream().map(Counted::eventId).toList());
    }

    private static String ids(List<String> ids) {
        return "events " + new TreeSet<>(ids);
    }

    /** CONTRACT section 8: HIGH from 0.8, MEDIUM from 0.5, LOW below. */
    private static Severity severity(double riskScore) {
        return riskScore >= 0.8 ? Severity.HIGH : riskScore >= 0.5 ? Severity.MEDIUM : Severity.LOW;
    }
}

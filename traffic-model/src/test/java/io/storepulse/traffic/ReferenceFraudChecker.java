package io.storepulse.traffic;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The five fraud rules of CONTRACT section 8, written from the contract alone and deliberately naive: it reads
 * the records as a processor would (decoding the bytes, counting an event id once, dropping events later than the
 * grace period) and checks each rule by brute force over each user's events.
 */
final class ReferenceFraudChecker {

    enum Rule { CLICK_RATE, PURCHASE_VELOCITY, AMOUNT_SPIKE, IMPOSSIBLE_TRAVEL, CARD_TESTING }

    private static final long MINUTE = 60_000;
    private static final long TEN_MINUTES = 10 * MINUTE;
    private static final long HOUR = 60 * MINUTE;
    private static final BigDecimal FIVE = new BigDecimal("5.00");
    private static final BigDecimal THOUSAND = new BigDecimal("1000.00");
    private static final BigDecimal FIVE_THOUSAND = new BigDecimal("5000.00");

    private record Seen(long time, String country) {
    }

    private record Paid(long time, BigDecimal amount, String card) {
    }

    private final Set<String> eventIds = new HashSet<>();
    private final Map<String, List<Seen>> activity = new HashMap<>();
    private final Map<String, List<Long>> clicks = new HashMap<>();
    private final Map<String, List<Paid>> purchasesInArrivalOrder = new HashMap<>();

    void accept(GeneratedRecord record) {
        if (record.origin() == Origin.LATE_BEYOND_GRACE || record.origin() == Origin.MALFORMED
                || record.origin() == Origin.GROUND_TRUTH) {
            return;
        }
        if (record.topic().equals(Topics.CLICK_EVENTS)) {
            ClickEvent click = Codecs.CLICK.decode(record.value());
            if (eventIds.add(click.getEventId())) {
                long time = click.getEventTime().toEpochMilli();
                clicks.computeIfAbsent(click.getUserId(), u -> new ArrayList<>()).add(time);
                activity.computeIfAbsent(click.getUserId(), u -> new ArrayList<>()).add(new Seen(time, click.getCountry()));
            }
        } else if (record.topic().equals(Topics.PURCHASE_EVENTS)) {
            PurchaseEvent purchase = Codecs.PURCHASE.decode(record.value());
            if (eventIds.add(purchase.getEventId())) {
                long time = purchase.getEventTime().toEpochMilli();
                purchasesInArrivalOrder.computeIfAbsent(purchase.getUserId(), u -> new ArrayList<>())
                        .add(new Paid(time, purchase.getAmount(), purchase.getCardFingerprint()));
                activity.computeIfAbsent(purchase.getUserId(), u -> new ArrayList<>())
                        .add(new Seen(time, purchase.getCountry()));
            }
        }
    }

    Set<String> users() {
        return activity.keySet();
    }

    long firstEventTime(String user) {
        return activity.get(user).stream().mapToLong(Seen::time).min().orElseThrow();
    }

    long lastEventTime(String user) {
        return activity.get(user).stream().mapToLong(Seen::time).max().orElseThrow();
    }

    Set<Rule> rulesTrippedBy(String user) {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        if (clickRate(clicks.getOrDefault(user, List.of()))) {
            rules.add(Rule.CLICK_RATE);
        }
        List<Paid> purchases = purchasesInArrivalOrder.getOrDefault(user, List.of());
        if (purchaseVelocity(purchases)) {
            rules.add(Rule.PURCHASE_VELOCITY);
        }
        if (amountSpike(purchases)) {
            rules.add(Rule.AMOUNT_SPIKE);
        }
        if (impossibleTravel(activity.getOrDefault(user, List.of()))) {
            rules.add(Rule.IMPOSSIBLE_TRAVEL);
        }
        if (cardTesting(purchases)) {
            rules.add(Rule.CARD_TESTING);
        }
        return rules;
    }

    /** More than 60 clicks in one epoch-aligned minute. */
    static boolean clickRate(List<Long> clickTimes) {
        Map<Long, Integer> perMinute = new HashMap<>();
        for (long time : clickTimes) {
            perMinute.merge(Math.floorDiv(time, MINUTE), 1, Integer::sum);
        }
        return perMinute.values().stream().anyMatch(count -> count > 60);
    }

    /** More than 5 purchases within 10 minutes, both ends included. */
    static boolean purchaseVelocity(List<Paid> purchases) {
        List<Paid> byTime = sortedByTime(purchases);
        for (Paid first : byTime) {
            long within = byTime.stream()
                    .filter(p -> p.time() >= first.time() && p.time() <= first.time() + TEN_MINUTES)
                    .count();
            if (within > 5) {
                return true;
            }
        }
        return false;
    }

    /** A purchase of at least 5,000, or of at least 1,000 and 5 times the mean of 3 or more earlier ones. */
    static boolean amountSpike(List<Paid> purchasesInArrivalOrder) {
        BigDecimal earlierSum = BigDecimal.ZERO;
        for (int i = 0; i < purchasesInArrivalOrder.size(); i++) {
            BigDecimal amount = purchasesInArrivalOrder.get(i).amount();
            if (amount.compareTo(FIVE_THOUSAND) >= 0) {
                return true;
            }
            boolean fiveTimesMean = i >= 3
                    && amount.multiply(BigDecimal.valueOf(i)).compareTo(earlierSum.multiply(BigDecimal.valueOf(5))) >= 0;
            if (amount.compareTo(THOUSAND) >= 0 && fiveTimesMean) {
                return true;
            }
            earlierSum = earlierSum.add(amount);
        }
        return false;
    }

    /** Events from 3 or more distinct countries within one hour. */
    static boolean impossibleTravel(List<Seen> events) {
        for (Seen first : events) {
            Set<String> countries = new HashSet<>();
            for (Seen other : events) {
                if (other.time() >= first.time() && other.time() <= first.time() + HOUR) {
                    countries.add(other.country());
                }
            }
            if (countries.size() >= 3) {
                return true;
            }
        }
        return false;
    }

    /** 5 or more purchases under 5.00 with 3 or more distinct cards within 10 minutes. */
    static boolean cardTesting(List<Paid> purchases) {
        List<Paid> small = sortedByTime(purchases.stream().filter(p -> p.amount().compareTo(FIVE) < 0).toList());
        for (Paid first : small) {
            List<Paid> window = small.stream()
                    .filter(p -> p.time() >= first.time() && p.time() <= first.time() + TEN_MINUTES)
                    .toList();
            long cards = window.stream().map(Paid::card).filter(c -> c != null).distinct().count();
            if (window.size() >= 5 && cards >= 3) {
                return true;
            }
        }
        return false;
    }

    private static List<Paid> sortedByTime(List<Paid> purchases) {
        List<Paid> sorted = new ArrayList<>(purchases);
        sorted.sort(Comparator.comparingLong(Paid::time));
        return sorted;
    }
}

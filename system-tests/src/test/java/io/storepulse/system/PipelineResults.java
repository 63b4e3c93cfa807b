package io.storepulse.system;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the processor's outputs hold, or must hold: the one shape in which the oracle's expectation and the
 * committed output topics are compared. Money is kept at two fraction digits, so equal amounts are equal records.
 *
 * @param revenue   the latest revenue of every product and event-time hour
 * @param sessions  every user's sessions, oldest first
 * @param features  every user's latest features
 * @param diverted  how many times each input record was sent to a dead-letter topic or to late-events
 */
record PipelineResults(Map<ProductHour, HourRevenue> revenue, Map<String, List<SessionTotals>> sessions,
                       Map<String, FeatureValues> features, Map<Diversion, Integer> diverted) {

    long totalOrders() {
        return revenue.values().stream().mapToLong(HourRevenue::orders).sum();
    }

    long sessionCount() {
        return sessions.values().stream().mapToLong(List::size).sum();
    }

    long totalSessionEvents() {
        return sessions.values().stream().flatMap(List::stream).mapToLong(SessionTotals::events).sum();
    }

    long totalSessionPurchases() {
        return sessions.values().stream().flatMap(List::stream).mapToLong(SessionTotals::purchases).sum();
    }

    /** How many records went to {@code topic}, a dead-letter topic or late-events. */
    long divertedTo(String topic) {
        return diverted.entrySet().stream().filter(entry -> entry.getKey().to().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2);
    }

    record ProductHour(String productId, Instant hour) implements Comparable<ProductHour> {
        private static final Comparator<ProductHour> ORDER =
                Comparator.comparing(ProductHour::productId).thenComparing(ProductHour::hour);

        @Override
        public int compareTo(ProductHour other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return productId + " " + hour;
        }
    }

    record HourRevenue(BigDecimal revenue, long units, long orders) {
        HourRevenue {
            revenue = cents(revenue);
        }
    }

    record SessionTotals(Instant start, Instant end, long events, long pageViews, long productViews,
                         long addToCarts, long purchases, BigDecimal revenue) {
        SessionTotals {
            revenue = cents(revenue);
        }
    }

    /** Every field of {@code UserFeatures} but {@code updated_at}, the processor's wall clock. */
    record FeatureValues(int clicks5m, int clicks1h, int addToCarts1h, int purchases24h, BigDecimal spend24h,
                         BigDecimal avgOrderValue24h, int distinctDevices24h, int distinctCountries1h,
                         Instant lastEventTime) {
        FeatureValues {
            spend24h = cents(spend24h);
            avgOrderValue24h = cents(avgOrderValue24h);
        }
    }

    /** An input record, by topic, partition and offset, found on (or due on) the topic {@code to}. */
    record Diversion(String to, String topic, int partition, long offset) implements Comparable<Diversion> {
        private static final Comparator<Diversion> ORDER = Comparator.comparing(Diversion::to)
                .thenComparing(Diversion::topic).thenComparingInt(Diversion::partition)
                .thenComparingLong(Diversion::offset);

        @Override
        public int compareTo(Diversion other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + " on " + to;
        }
    }
}

package io.storepulse.model;

import java.util.List;

/** The topics of the external contract (CONTRACT section 2). Internal topics belong to the apps that own them. */
public final class Topics {

    public static final String CLICK_EVENTS = "click-events";
    public static final String PURCHASE_EVENTS = "purchase-events";
    public static final String INVENTORY_EVENTS = "inventory-events";
    public static final String LATE_EVENTS = "late-events";
    public static final String SESSION_AGGREGATIONS = "session-aggregations";
    public static final String FRAUD_ALERTS = "fraud-alerts";
    public static final String REVENUE_AGGREGATIONS = "revenue-aggregations";
    public static final String USER_FEATURES = "user-features";
    public static final String GROUND_TRUTH_FRAUD = "ground-truth.fraud";

    public static final List<String> INPUTS = List.of(CLICK_EVENTS, PURCHASE_EVENTS, INVENTORY_EVENTS);

    private Topics() {
    }

    public static String deadLetterOf(String inputTopic) {
        return inputTopic + ".dlq";
    }

    /** Header names on dead-letter and late-event records. */
    public static final class Headers {
        public static final String ERROR_CLASS = "dlq.error.class";
        public static final String ERROR_MESSAGE = "dlq.error.message";
        public static final String SOURCE_TOPIC = "dlq.source.topic";
        public static final String SOURCE_PARTITION = "dlq.source.partition";
        public static final String SOURCE_OFFSET = "dlq.source.offset";
        public static final String FAILED_AT = "dlq.failed.at";
        public static final String LATE_BY_MS = "late.by.ms";
        /**
         * On {@code user-features} and {@code fraud-alerts}: when the input event behind the record was written to
         * Kafka (its record timestamp, epoch milliseconds in decimal), for end-to-end latency downstream.
         */
        public static final String SOURCE_WRITTEN_AT = "storepulse.source.written.at";

        private Headers() {
        }
    }
}

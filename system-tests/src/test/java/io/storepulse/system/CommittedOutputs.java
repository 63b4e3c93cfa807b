package io.storepulse.system;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.ProductRevenue;
import io.storepulse.avro.SessionSummary;
import io.storepulse.avro.UserFeatures;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.system.PipelineResults.Diversion;
import io.storepulse.system.PipelineResults.FeatureValues;
import io.storepulse.system.PipelineResults.HourRevenue;
import io.storepulse.system.PipelineResults.ProductHour;
import io.storepulse.system.PipelineResults.SessionTotals;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The processor's output topics as a reader with {@code isolation.level=read_committed} sees them, from the
 * beginning: the last revenue record of each product-hour, each user's sessions, each user's last features, and
 * every record on the dead-letter topics and late-events, by the input record its headers name, and every fraud
 * alert.
 *
 * <p>A later session summary of a user replaces the earlier summaries of that user it overlaps: sessions only grow
 * and merge, so the summaries left over are the user's sessions.
 */
final class CommittedOutputs {

    private static final List<String> TOPICS = List.of(Topics.REVENUE_AGGREGATIONS, Topics.SESSION_AGGREGATIONS,
            Topics.USER_FEATURES, Topics.LATE_EVENTS, Topics.deadLetterOf(Topics.CLICK_EVENTS),
            Topics.deadLetterOf(Topics.PURCHASE_EVENTS), Topics.deadLetterOf(Topics.INVENTORY_EVENTS),
            Topics.FRAUD_ALERTS);

    private final Map<ProductHour, HourRevenue> revenue = new TreeMap<>();
    private final Map<String, List<SessionTotals>> sessions = new TreeMap<>();
    private final Map<String, FeatureValues> features = new TreeMap<>();
    private final Map<Diversion, Integer> diverted = new TreeMap<>();
    private final List<FraudAlert> fraudAlerts = new ArrayList<>();
    private final List<TopicPartitionOffset> alertPositions = new ArrayList<>();
    private long recordsRead;

    private CommittedOutputs() {
    }

    /** Reads every output topic up to its end, once no transaction is open on any of them. */
    static CommittedOutputs read(String bootstrap, Duration timeout) throws Exception {
        return read(bootstrap, TOPICS, timeout);
    }

    /** Reads only fraud-alerts up to its end, once no transaction is open on it: every committed alert. */
    static List<FraudAlert> readFraudAlerts(String bootstrap, Duration timeout) throws Exception {
        return read(bootstrap, List.of(Topics.FRAUD_ALERTS), timeout).fraudAlerts;
    }

    private static CommittedOutputs read(String bootstrap, List<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = settledEnds(bootstrap, topics, deadline);
        CommittedOutputs outputs = new CommittedOutputs();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("output topics not read to their end within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(outputs::accept);
            }
        }
        outputs.sessions.values().forEach(list -> list.sort(Comparator.comparing(SessionTotals::start)));
        return outputs;
    }

    PipelineResults results() {
        return new PipelineResults(revenue, sessions, features, diverted);
    }

    /** Every alert on fraud-alerts, in partition order. */
    List<FraudAlert> fraudAlerts() {
        return fraudAlerts;
    }

    /** Where each alert of {@link #fraudAlerts} is stored, in the same order. */
    List<TopicPartitionOffset> alertPositions() {
        return alertPositions;
    }

    /** A record's place on the broker. */
    record TopicPartitionOffset(String topic, int partition, long offset) {
    }

    long recordsRead() {
        return recordsRead;
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        recordsRead++;
        switch (record.topic()) {
            case Topics.REVENUE_AGGREGATIONS -> accept(Codecs.REVENUE.decode(record.value()));
            case Topics.SESSION_AGGREGATIONS -> accept(Codecs.SESSION.decode(record.value()));
            case Topics.USER_FEATURES -> accept(Codecs.FEATURES.decode(record.value()));
            case Topics.FRAUD_ALERTS -> {
                fraudAlerts.add(Codecs.FRAUD_ALERT.decode(record.value()));
                alertPositions.add(new TopicPartitionOffset(record.topic(), record.partition(), record.offset()));
            }
            default -> diverted.merge(new Diversion(record.topic(), header(record, Topics.Headers.SOURCE_TOPIC),
                    Integer.parseInt(header(record, Topics.Headers.SOURCE_PARTITION)),
                    Long.parseLong(header(record, Topics.Headers.SOURCE_OFFSET))), 1, Integer::sum);
        }
    }

    private void accept(ProductRevenue hour) {
        revenue.put(new ProductHour(hour.getProductId(), hour.getWindowStart()),
                new HourRevenue(hour.getRevenue(), hour.getUnits(), hour.getOrders()));
    }

    private void accept(SessionSummary summary) {
        SessionTotals session = new SessionTotals(summary.getSessionStart(), summary.getSessionEnd(), summary.getEvents(),
                summary.getPageViews(), summary.getProductViews(), summary.getAddToCarts(), summary.getPurchases(),
                summary.getRevenue());
        List<SessionTotals> known = sessions.computeIfAbsent(summary.getUserId(), user -> new ArrayList<>());
        known.removeIf(earlier -> !earlier.start().isAfter(session.end()) && !session.start().isAfter(earlier.end()));
        known.add(session);
    }

    private void accept(UserFeatures latest) {
        features.put(latest.getUserId(), new FeatureValues(latest.getClicks5m(), latest.getClicks1h(),
                latest.getAddToCarts1h(), latest.getPurchases24h(), latest.getSpend24h(), latest.getAvgOrderValue24h(),
                latest.getDistinctDevices24h(), latest.getDistinctCountries1h(), latest.getLastEventTime()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "missing " + name : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The end of every output partition once its last stable offset has reached its log end, that is once no
     * transaction is open on it any more: a killed instance's open transaction is aborted by the next one.
     */
    private static Map<TopicPartition, Long> settledEnds(String bootstrap, List<String> topics, long deadline)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = LocalPipeline.latestOffsetsOf(admin, topics);
            while (true) {
                Map<TopicPartition, Long> committed = offsets(admin, latest, IsolationLevel.READ_COMMITTED);
                if (committed.equals(offsets(admin, latest, IsolationLevel.READ_UNCOMMITTED))) {
                    return committed;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a transaction stayed open on the output topics");
                }
                Thread.sleep(500);
            }
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Map<TopicPartition, OffsetSpec> specs,
                                                     IsolationLevel isolation) throws Exception {
        Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(specs,
                new ListOffsetsOptions(isolation)).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}

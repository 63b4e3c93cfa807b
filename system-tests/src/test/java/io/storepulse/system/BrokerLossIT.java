package io.storepulse.system;

import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.system.TrafficFeed.ProducedRecord;
import io.storepulse.traffic.Origin;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broker loss under load, on a cluster of three KRaft brokers (every topic three replicas,
 * {@code min.insync.replicas=2}): 150,000 generated records over 30 s (5,000/s) straight to the input topics plus
 * collector posts through producer-app, while the broker leading most input partitions is SIGKILLed and restarted, and then
 * the active controller. Afterwards every event the collector answered {@code 202} for is on its topic exactly once,
 * the processor's committed outputs and every product's stock equal what {@link Oracle} works out from the input
 * records as the broker stored them, and the {@code 503}s the collector gave meanwhile are counted, printed and bounded.
 */
class BrokerLossIT {

    private static final int BROKERS = 3;
    private static final int RECORDS = 150_000;
    private static final Duration FEED_TIME = Duration.ofSeconds(30);
    private static final double EVENT_TIME_RATE = 20;
    private static final int USERS = 3_000;
    private static final int EVENTS_PER_POST = 10;
    private static final Duration POST_EVERY = Duration.ofMillis(20);
    private static final Duration DOWN_FOR = Duration.ofSeconds(10);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(180);
    /** At most this share of the posts may be refused while leaders move; the rest must be taken. */
    private static final double MAX_UNAVAILABLE_SHARE = 0.05;
    /** As in {@link ExactlyOnceCrashIT}: live and replayed reads merge a user's topics in the same order. */
    private static final String TASK_IDLE_MS = "5000";
    private static final String COLLECTOR_USER = "collector-u-";

    @Test
    void afterTheLeaderOfMostInputsAndThenTheControllerAreKilledNothingIsLostOrDoubled(@TempDir Path work)
            throws Exception {
        long seed = Long.getLong("storepulse-test.broker-loss-seed", System.nanoTime());
        List<String> summary = new ArrayList<>(List.of("broker loss test, seed " + seed));
        Instant now = Instant.now();
        TrafficConfig traffic = TrafficFeed.pastTraffic(seed, now, RECORDS, EVENT_TIME_RATE).withUsers(USERS)
                .withFraudRatio(0.01);
        Instant start = traffic.start();
        Mismatches mismatches = new Mismatches();
        try (LocalPipeline pipeline = LocalPipeline.startKafkaCluster(work, BROKERS);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap()));
             ProcessorLag lag = new ProcessorLag(pipeline.bootstrap())) {
            pipeline.processorEnv("KAFKA_STREAMS_MAX_TASK_IDLE_MS", TASK_IDLE_MS);
            int processorPort = LocalPipeline.freePort();
            Process processor = pipeline.startReadyProcessor(processorPort, work.resolve("state"),
                    work.resolve("processor.log"));
            int collectorPort = LocalPipeline.freePort();
            pipeline.startProducer(collectorPort, work.resolve("producer.log"));
            LocalPipeline.awaitReady(collectorPort);

            TrafficFeed feed = new TrafficFeed(pipeline.bootstrap(), new TrafficGenerator(traffic), RECORDS, FEED_TIME);
            long feedStart = System.nanoTime();
            CompletableFuture<List<ProducedRecord>> sending = feed.start();
            Poster poster = new Poster(URI.create("http://127.0.0.1:" + collectorPort + "/v1/events"),
                    () -> feed.eventTime().isBefore(start) ? start : feed.eventTime());
            CompletableFuture<Void> posting = CompletableFuture.runAsync(poster::run);

            Thread.sleep(8_000);
            int leader = leaderOfMostInputPartitions(admin);
            crash(pipeline, "kafka-" + leader, "the leader of most input partitions", feed, lag, feedStart, summary);
            int controller = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
            crash(pipeline, "kafka-" + controller, "the active controller", feed, lag, feedStart, summary);

            List<ProducedRecord> fed = sending.get(FEED_TIME.toSeconds() + 120, TimeUnit.SECONDS);
            poster.stop();
            posting.get(60, TimeUnit.SECONDS);
            lag.awaitCaughtUp(processor, CATCH_UP_TIMEOUT);
            summary.add(String.format("fed %,d records in %.1f s; collector: %,d posts, %,d answered 202 (%,d events), "
                            + "%,d answered 503, %s", fed.size(), feed.sendingTime().toMillis() / 1e3, poster.posts(),
                    poster.taken(), poster.acceptedIds().size(), poster.unavailable(), poster.otherAnswers()));

            List<ProducedRecord> stored = storedInputs(pipeline.bootstrap());
            checkCollectorEventsStoredOnce(poster.acceptedIds(), stored, mismatches, summary);
            List<ProducedRecord> inputs = withOrigins(stored, fed);
            Oracle oracle = Oracle.of(inputs, now);
            oracle.compare(inputs, CommittedOutputs.read(pipeline.bootstrap(), Duration.ofSeconds(60)), mismatches,
                    summary);
            oracle.compareStock("http://127.0.0.1:" + processorPort, mismatches, summary);
            System.out.println(String.join("\n  ", summary));
            mismatches.assertNone();
            assertThat(poster.otherAnswers()).as("answers other than 202 and 503").isEmpty();
            assertThat(poster.taken()).as("posts answered 202").isPositive();
            assertThat(poster.unavailable()).as("posts answered 503 while leaders moved, of %d", poster.posts())
                    .isLessThanOrEqualTo((long) (poster.posts() * MAX_UNAVAILABLE_SHARE));
            // Equal outputs prove something only when the traffic held what a broker loss could get wrong.
            assertThat(oracle.duplicates()).as("duplicates counted once").isPositive();
            assertThat(oracle.results().totalOrders()).as("orders").isPositive();
            assertThat(oracle.stock()).as("products with stock reports").isNotEmpty();
        }
    }

    /**
     * SIGKILLs {@code broker} while records are in flight (collector posts always, and the feed still sending or the
     * processor behind it), keeps it down for {@link #DOWN_FOR}, restarts it and waits
     * until it is back in the cluster.
     */
    private static void crash(LocalPipeline pipeline, String broker, String role, TrafficFeed feed, ProcessorLag lag,
                              long feedStart, List<String> summary) throws Exception {
        ProcessorLag.Progress progress = lag.progress();
        long sent = feed.sent();
        pipeline.killServer(broker);
        summary.add(String.format("SIGKILL %s (%s) at %.1f s: %,d records fed, lag %,d", broker, role,
                (System.nanoTime() - feedStart) / 1e9, sent, progress.lag()));
        System.out.println(summary.get(summary.size() - 1));
        // A kill proves something only with records in flight: the feed still sending, or the processor behind.
        assertThat(sent < RECORDS || progress.lag() > 0).as("%s killed with records in flight", broker).isTrue();
        Thread.sleep(DOWN_FOR.toMillis());
        pipeline.startServer(broker);
        summary.add(String.format("%s back at %.1f s", broker, (System.nanoTime() - feedStart) / 1e9));
    }

    private static int leaderOfMostInputPartitions(Admin admin) throws Exception {
        Map<Integer, Long> led = admin.describeTopics(Topics.INPUTS).allTopicNames().get(30, TimeUnit.SECONDS).values()
                .stream().flatMap(topic -> topic.partitions().stream()).map(TopicPartitionInfo::leader)
                .filter(node -> node != null && !node.isEmpty())
                .collect(Collectors.groupingBy(node -> node.id(), TreeMap::new, Collectors.counting()));
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Every record of the input topics, as the cluster stores them, once all replicas agree on the end. */
    private static List<ProducedRecord> storedInputs(String bootstrap) {
        List<ProducedRecord> stored = new ArrayList<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = Topics.INPUTS.stream().flatMap(topic -> consumer.partitionsFor(topic)
                    .stream().map(info -> new TopicPartition(topic, info.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                assertThat(System.nanoTime()).as("input topics read to their end within 60 s").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    stored.add(new ProducedRecord(record.topic(), record.partition(), record.offset(), record.key(),
                            record.value(), null));
                }
            }
        }
        return stored;
    }

    /** Each event the collector took is a click on click-events, once: none lost, none written twice. */
    private static void checkCollectorEventsStoredOnce(Set<String> accepted, List<ProducedRecord> stored,
                                                       Mismatches mismatches, List<String> summary) {
        Map<String, Integer> copies = new HashMap<>();
        stored.stream().filter(record -> record.topic().equals(Topics.CLICK_EVENTS)
                        && record.key() != null && record.key().startsWith(COLLECTOR_USER))
                .map(record -> Codecs.CLICK.decode(record.value()))
                .map(click -> click.getEventId().toString())
                .forEach(id -> copies.merge(id, 1, Integer::sum));
        Map<String, Integer> expected = accepted.stream().collect(Collectors.toMap(Function.identity(), id -> 1));
        Map<String, Integer> acceptedCopies = new HashMap<>();
        accepted.forEach(id -> acceptedCopies.put(id, copies.getOrDefault(id, 0)));
        int compared = mismatches.compare("copies on click-events of accepted event", expected, acceptedCopies);
        long doubled = copies.values().stream().filter(count -> count > 1).count();
        mismatches.check("collector events stored more than once", 0L, doubled);
        summary.add(String.format("%,d accepted collector events each found once on click-events (%,d collector "
                + "events stored in all, from posts answered 503 included)", compared, copies.size()));
    }

    /**
     * The stored records with the origin the feed gave each; a record the feed did not send came through the
     * collector, a valid event ({@link Origin#NORMAL}).
     */
    private static List<ProducedRecord> withOrigins(List<ProducedRecord> stored, List<ProducedRecord> fed) {
        Map<String, Origin> origins = new HashMap<>();
        fed.forEach(record -> origins.put(position(record), record.origin()));
        Set<String> found = new HashSet<>();
        List<ProducedRecord> inputs = new ArrayList<>(stored.size());
        for (ProducedRecord record : stored) {
            Origin origin = origins.get(position(record));
            if (origin != null) {
                found.add(position(record));
            }
            inputs.add(new ProducedRecord(record.topic(), record.partition(), record.offset(), record.key(),
                    record.value(), origin == null ? Origin.NORMAL : origin));
        }
        assertThat(found).as("records the feed was told are stored, found where it was told").hasSize(fed.size());
        return inputs;
    }

    private static String position(ProducedRecord record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * Posts {@value #EVENTS_PER_POST} valid page views every {@link #POST_EVERY} until stopped, one request at a time,
     * and keeps the answers: the event ids of every post answered {@code 202}, the count of {@code 503}s.
     */
    private static final class Poster {

        private final URI collector;
        private final java.util.function.Supplier<Instant> eventTime;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Set<String> acceptedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Map<Integer, Long> otherAnswers = new java.util.concurrent.ConcurrentSkipListMap<>();
        private volatile long posts;
        private volatile long taken;
        private volatile long unavailable;

        Poster(URI collector, java.util.function.Supplier<Instant> eventTime) {
            this.collector = collector;
            this.eventTime = eventTime;
        }

        void run() {
            long event = 0;
            while (!stopped.get()) {
                List<String> ids = new ArrayList<>();
                StringBuilder body = new StringBuilder("[");
                Instant time = eventTime.get().truncatedTo(ChronoUnit.MILLIS);
                for (int i = 0; i < EVENTS_PER_POST; i++, event++) {
                    String id = "collector-e-" + event;
                    ids.add(id);
                    body.append(i > 0 ? "," : "").append("{\"type\":\"click\",\"event_id\":\"").append(id)
                            .append("\",\"user_id\":\"").append(COLLECTOR_USER).append(event % 200)
                            .append("\",\"session_id\":\"s-1\",\"event_type\":\"PAGE_VIEW\",\"page_url\":\"/\","
                                    + "\"device_type\":\"DESKTOP\",\"ip_address\":\"203.0.113.7\",\"country\":\"US\","
                                    + "\"event_time\":\"").append(time).append("\",\"properties\":{}}");
                }
                post(body.append(']').toString(), ids);
                try {
                    Thread.sleep(POST_EVERY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void post(String body, List<String> ids) {
            posts++;
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(collector).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202 && answer.body().contains("\"accepted\":" + ids.size())) {
                    taken++;
                    acceptedIds.addAll(ids);
                } else if (answer.statusCode() == 503) {
                    unavailable++;
                } else {
                    otherAnswers.merge(answer.statusCode(), 1L, Long::sum);
                }
            } catch (java.io.IOException e) {
                otherAnswers.merge(-1, 1L, Long::sum);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            stopped.set(true);
        }

        long posts() {
            return posts;
        }

        long taken() {
            return taken;
        }

        long unavailable() {
            return unavailable;
        }

        Set<String> acceptedIds() {
            return acceptedIds;
        }

        /** Answers other than 202 (all taken) and 503, by status; -1 for no answer at all. */
        Map<Integer, Long> otherAnswers() {
            return otherAnswers;
        }
    }
}

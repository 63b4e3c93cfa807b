package io.storepulse.processor.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storepulse.avro.ClickEventType;
import io.storepulse.model.Topics;
import io.storepulse.processor.topology.FuzzInputs;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.storepulse.processor.it.InputRecords.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@link FuzzInputs}' records (random, truncated, wrongly framed, corrupt-body and huge-length bytes, null values and
 * keys, valid events, some late, some repeated) written straight to the real broker's input topics, then one valid
 * click: the processor keeps running and processes the click, its route counters account for every record written
 * ({@code valid + dlq + late} per input), and each record it did not accept is on its dead-letter topic or on
 * {@code late-events} exactly once, found by the source offset it carries. The seed is printed;
 * {@code -Dstorepulse-test.fuzz-seed=N} repeats a run.
 */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreeHttpPort.class, scope = TestResourceScope.GLOBAL)
class BrokerFuzzIT {

    private static final int RECORDS = 3_000;

    @RegisterExtension
    static final InputRecords inputs = new InputRecords();
    private static final Pattern ROUTE = Pattern.compile(
            "^storepulse_processor_records_total\\{route=\"(\\w+)\",topic=\"([\\w.-]+)\"} (\\S+)$", Pattern.MULTILINE);

    @Test
    void everyRecordIsAccountedForOnceAndTheStreamKeepsFlowing() throws Exception {
        long seed = Long.getLong("storepulse-test.fuzz-seed", System.nanoTime());
        System.out.println("broker fuzz seed " + seed);
        String run = unique("fz") + "-";
        Map<String, Double> before = quietRoutes();

        FuzzInputs fuzz = new FuzzInputs(new SplittableRandom(seed), Instant.now(), run);
        Map<String, Integer> written = new HashMap<>();
        Set<String> sources = new HashSet<>();
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                FuzzInputs.Input input = fuzz.next();
                sent.add(producer.send(new ProducerRecord<>(input.topic(), input.key(), input.value())));
                written.merge(input.topic(), 1, Integer::sum);
            }
            for (Future<RecordMetadata> each : sent) {
                RecordMetadata metadata = each.get(60, TimeUnit.SECONDS);
                sources.add(metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset());
            }
        }
        String marker = run + "marker";
        inputs.click(marker, run + "e-marker", ClickEventType.PAGE_VIEW, Instant.now());
        inputs.flush();
        written.merge(Topics.CLICK_EVENTS, 1, Integer::sum);
        assertThat(TestKafka.read(Topics.USER_FEATURES, r -> marker.equals(r.key()), 1, Duration.ofSeconds(90)))
                .as("the valid click written after %d fuzzed records is processed (seed %d)", RECORDS, seed).hasSize(1);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Double> now = routes(ScrapedMetrics.scrape());
            for (String topic : Topics.INPUTS) {
                assertThat(delta(before, now, topic, "valid") + delta(before, now, topic, "dlq")
                        + delta(before, now, topic, "late"))
                        .as("%s: valid + dlq + late (seed %d)", topic, seed).isEqualTo(written.getOrDefault(topic, 0));
            }
        });
        Map<String, Double> after = routes(ScrapedMetrics.scrape());
        for (String topic : Topics.INPUTS) {
            assertThat(delta(before, after, topic, "dlq")).as("%s's records sent to its dead letters", topic).isPositive();
        }
        assertThat(delta(before, after, Topics.CLICK_EVENTS, "late")).as("late clicks").isPositive();
        assertThat(delta(before, after, Topics.PURCHASE_EVENTS, "duplicate")).as("repeated purchases").isPositive();

        // Each diverted record carries where it came from: every one of ours is there once, none twice.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> diverted = new ArrayList<>();
            for (String topic : Topics.INPUTS) {
                List<String> deadLetters = ours(Topics.deadLetterOf(topic), sources);
                assertThat(deadLetters).as("%s's dead letters", topic).allMatch(source -> source.startsWith(topic + "/"))
                        .hasSize(delta(before, after, topic, "dlq"));
                diverted.addAll(deadLetters);
            }
            List<String> late = ours(Topics.LATE_EVENTS, sources);
            for (String topic : Topics.INPUTS) {
                assertThat(late.stream().filter(source -> source.startsWith(topic + "/")).count())
                        .as("%s's late events", topic).isEqualTo((long) delta(before, after, topic, "late"));
            }
            diverted.addAll(late);
            assertThat(diverted).as("diverted records").doesNotHaveDuplicates();
        });
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** The route counters once no other test's records are still being processed: unchanged for 3 s. */
    private static Map<String, Double> quietRoutes() {
        AtomicReference<Map<String, Double>> last = new AtomicReference<>(routes(ScrapedMetrics.scrape()));
        await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ofSeconds(3)).pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    Map<String, Double> now = routes(ScrapedMetrics.scrape());
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    /** {@code storepulse_processor_records_total} by {@code topic/route}. */
    private static Map<String, Double> routes(String metrics) {
        Map<String, Double> routes = new HashMap<>();
        Matcher matcher = ROUTE.matcher(metrics);
        while (matcher.find()) {
            routes.put(matcher.group(2) + "/" + matcher.group(1), Double.parseDouble(matcher.group(3)));
        }
        assertThat(routes).as("route counters in /q/metrics").isNotEmpty();
        return routes;
    }

    private static int delta(Map<String, Double> before, Map<String, Double> after, String topic, String route) {
        String key = topic + "/" + route;
        return (int) (after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0));
    }

    /** The sources ({@code topic/partition/offset}) of the records on {@code topic} that came from {@code ours}. */
    private static List<String> ours(String topic, Set<String> ours) {
        List<String> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TestKafka.readToEnd(topic, r -> true)) {
            String source = header(record, Topics.Headers.SOURCE_TOPIC) + "/" + header(record, Topics.Headers.SOURCE_PARTITION)
                    + "/" + header(record, Topics.Headers.SOURCE_OFFSET);
            if (ours.contains(source)) {
                found.add(source);
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package io.storepulse.processor.topology;

import io.storepulse.avro.SessionSummary;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, truncated, wrongly framed, header-valid-body-corrupt and huge-length bytes, null values and keys, and valid
 * events (some late, some duplicates), written to each input topic in 200 batches: the topology never throws, every
 * record is accounted for ({@code valid + dlq + late} per input, the dead-letter and late topics holding exactly what
 * the counters say), and a valid event written after each batch is processed. The seed is printed;
 * {@code -Dstorepulse-test.fuzz-seed=N} repeats a run.
 */
class InputFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00.000Z");
    private static final List<String> INPUTS = Topics.INPUTS;
    private static final int BATCHES = 200;

    private final Map<String, Integer> routes = new HashMap<>();
    private TopologyTestDriver driver;
    private Map<String, TestInputTopic<String, byte[]>> inputs;
    private Map<String, TestOutputTopic<String, byte[]>> deadLetters;
    private TestOutputTopic<String, byte[]> late;
    private TestOutputTopic<String, byte[]> sessions;

    @BeforeEach
    void start() {
        driver = TopologyTestSettings.driver("input-fuzz-test", NOW,
                (topic, route) -> routes.merge(topic + "/" + route, 1, Integer::sum));
        inputs = new HashMap<>();
        deadLetters = new HashMap<>();
        for (String topic : INPUTS) {
            inputs.put(topic, driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()));
            deadLetters.put(topic, output(Topics.deadLetterOf(topic)));
        }
        late = output(Topics.LATE_EVENTS);
        sessions = output(Topics.SESSION_AGGREGATIONS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void everyRecordIsAccountedForAndTheStreamKeepsFlowing() {
        long seed = Long.getLong("storepulse-test.fuzz-seed", System.nanoTime());
        System.out.println("input fuzz seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        FuzzInputs fuzz = new FuzzInputs(random.split(), NOW, "");
        for (int batch = 1; batch <= BATCHES; batch++) {
            List<FuzzInputs.Input> records = new ArrayList<>();
            int size = 1 + random.nextInt(40);
            for (int i = 0; i < size; i++) {
                records.add(fuzz.next());
            }
            try {
                check(records, "u-marker-" + batch);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("batch " + batch + " of seed " + seed + " " + records + ": " + e, e);
            }
        }
        assertThat(routes).as("every route was taken").containsKeys(
                Topics.CLICK_EVENTS + "/" + InputGate.RouteCounter.VALID,
                Topics.CLICK_EVENTS + "/" + InputGate.RouteCounter.DLQ,
                Topics.CLICK_EVENTS + "/" + InputGate.RouteCounter.LATE,
                Topics.PURCHASE_EVENTS + "/" + InputGate.RouteCounter.DUPLICATE,
                Topics.INVENTORY_EVENTS + "/" + InputGate.RouteCounter.DLQ);
    }

    private void check(List<FuzzInputs.Input> batch, String marker) {
        Map<String, Integer> before = new HashMap<>(routes);
        Map<String, Integer> written = new HashMap<>();
        for (FuzzInputs.Input input : batch) {
            inputs.get(input.topic()).pipeInput(input.key(), input.value(), NOW);
            written.merge(input.topic(), 1, Integer::sum);
        }

        int lateWritten = 0;
        for (String topic : INPUTS) {
            int valid = delta(before, topic + "/" + InputGate.RouteCounter.VALID);
            int dlq = delta(before, topic + "/" + InputGate.RouteCounter.DLQ);
            int lateOnes = delta(before, topic + "/" + InputGate.RouteCounter.LATE);
            assertThat(valid + dlq + lateOnes).as(topic + ": valid + dlq + late").isEqualTo(written.getOrDefault(topic, 0));
            assertThat(deadLetters.get(topic).readRecordsToList()).as(topic + "'s dead letters").hasSize(dlq);
            lateWritten += lateOnes;
        }
        assertThat(late.readRecordsToList()).as("late events").hasSize(lateWritten);

        inputs.get(Topics.CLICK_EVENTS).pipeInput(marker, Codecs.CLICK.encode(FuzzInputs.click("e-" + marker, marker, NOW)), NOW);
        assertThat(sessions.readValuesToList()).extracting(bytes -> Codecs.SESSION.decode(bytes))
                .extracting(SessionSummary::getUserId).as("the event written after the batch").contains(marker);
    }

    private int delta(Map<String, Integer> before, String route) {
        return routes.getOrDefault(route, 0) - before.getOrDefault(route, 0);
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }
}

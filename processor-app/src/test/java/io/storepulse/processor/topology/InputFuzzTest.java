package io.storepulse.processor.topology;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
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

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code -Dstorepulse.fuzz-seed=N} repeats a run.
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
    private SplittableRandom random;

    /** One record as written: its topic, key (may be null) and value (may be null). */
    record Input(String topic, String key, byte[] value) {
        @Override
        public String toString() {
            return topic + " key=" + key + " value=" + (value == null ? "null" : value.length + " bytes "
                    + Arrays.toString(Arrays.copyOf(value, Math.min(value.length, 24))));
        }
    }

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
        long seed = Long.getLong("storepulse.fuzz-seed", System.nanoTime());
        System.out.println("input fuzz seed " + seed);
        random = new SplittableRandom(seed);
        for (int batch = 1; batch <= BATCHES; batch++) {
            List<Input> records = new ArrayList<>();
            int size = 1 + random.nextInt(40);
            for (int i = 0; i < size; i++) {
                records.add(input());
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

    private void check(List<Input> batch, String marker) {
        Map<String, Integer> before = new HashMap<>(routes);
        Map<String, Integer> written = new HashMap<>();
        for (Input input : batch) {
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

        inputs.get(Topics.CLICK_EVENTS).pipeInput(marker, Codecs.CLICK.encode(click("e-" + marker, marker, NOW)), NOW);
        assertThat(sessions.readValuesToList()).extracting(bytes -> Codecs.SESSION.decode(bytes))
                .extracting(SessionSummary::getUserId).as("the event written after the batch").contains(marker);
    }

    /** Half valid events on their own topic; the rest any value on any input, under any key. */
    private Input input() {
        if (random.nextBoolean()) {
            int kind = random.nextInt(3);
            return new Input(INPUTS.get(kind), "u-1", validEvent(kind));
        }
        String topic = INPUTS.get(random.nextInt(INPUTS.size()));
        String key = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> "u-" + random.nextInt(3);
            default -> randomText(random.nextInt(80));
        };
        return new Input(topic, key, value());
    }

    private byte[] value() {
        byte[] valid = validEvent(random.nextInt(3));
        return switch (random.nextInt(8)) {
            case 0, 1 -> valid;
            case 2 -> randomBytes(random.nextInt(300));
            case 3 -> Arrays.copyOf(valid, random.nextInt(valid.length));
            case 4 -> corruptBody(valid);
            case 5 -> wrongFraming(valid);
            case 6 -> hugeLength(valid);
            default -> null;
        };
    }

    /** A valid click (0), purchase (1) or inventory event (2), up to 20 minutes old (some late), ids repeating. */
    private byte[] validEvent(int kind) {
        int n = 1 + random.nextInt(200);
        Instant time = NOW.minusSeconds(random.nextInt(20 * 60));
        return switch (kind) {
            case 0 -> Codecs.CLICK.encode(click("e-" + n, "u-" + (n % 7), time));
            case 1 -> Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId("e-" + n).setUserId("u-" + (n % 7))
                    .setSessionId("s-1").setOrderId("o-" + n)
                    .setItems(List.of(new PurchaseItem("p-" + (n % 5), 1, new BigDecimal("9.99"))))
                    .setAmount(new BigDecimal("9.99")).setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD)
                    .setIpAddress("203.0.113.7").setCountry("US").setDeviceType(DeviceType.MOBILE).setEventTime(time)
                    .build());
            default -> Codecs.INVENTORY.encode(InventoryEvent.newBuilder().setEventId("e-" + n)
                    .setProductId("p-" + (n % 5)).setWarehouseId("w-1").setOperation(InventoryOperation.RESTOCK)
                    .setQuantityChange(5).setCurrentQuantity(50).setEventTime(time).build());
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x1F600 + random.nextInt(50) : 0x20 + random.nextInt(0x2000));
        }
        return text.toString();
    }

    /** The 10-byte header (marker and schema fingerprint) kept, up to four bytes of the body overwritten. */
    private byte[] corruptBody(byte[] valid) {
        byte[] corrupt = valid.clone();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            corrupt[10 + random.nextInt(valid.length - 10)] = (byte) random.nextInt(256);
        }
        return corrupt;
    }

    /** A byte of the marker or of the schema fingerprint wrong. */
    private byte[] wrongFraming(byte[] valid) {
        byte[] wrong = valid.clone();
        wrong[random.nextInt(10)] ^= (byte) (1 + random.nextInt(255));
        return wrong;
    }

    /** A valid header, then a first field (a string) whose length says from 1 MiB to 2^62 bytes follow. */
    private byte[] hugeLength(byte[] valid) {
        long length = (1L << 20) + (random.nextLong() >>> 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(valid, 0, 10);
        long zigZag = length << 1;
        while ((zigZag & ~0x7FL) != 0) {
            bytes.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        bytes.write((int) zigZag);
        bytes.write(valid, 10, Math.min(20, valid.length - 10));
        return bytes.toByteArray();
    }
    private static ClickEvent click(String id, String user, Instant time) {
        return ClickEvent.newBuilder().setEventId(id).setUserId(user).setSessionId("s-1")
                .setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry("US").setEventTime(time).build();
    }

    private int delta(Map<String, Integer> before, String route) {
        return routes.getOrDefault(route, 0) - before.getOrDefault(route, 0);
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }
}

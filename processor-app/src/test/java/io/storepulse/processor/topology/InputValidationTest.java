package io.storepulse.processor.topology;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.errors.InvalidEventException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InputValidationTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T10:00:00.000Z");

    private final Map<String, Integer> routes = new HashMap<>();
    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        driver = TopologyTestSettings.driver("input-validation-test", WALL_CLOCK,
                (topic, route) -> routes.merge(topic + "/" + route, 1, Integer::sum));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void malformedBytesGoToTheDlqUnchangedWithTheirError() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        RecordHeaders original = new RecordHeaders();
        original.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));

        input(Topics.PURCHASE_EVENTS).pipeInput(new TestRecord<>("u-1", garbage, original, Instant.parse("2026-11-21T09:59:00Z")));

        TestRecord<String, byte[]> dead = dlq(Topics.PURCHASE_EVENTS).readRecord();
        assertThat(dead.key()).isEqualTo("u-1");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(dead.timestamp()).isEqualTo(Instant.parse("2026-11-21T09:59:00Z").toEpochMilli());
        assertThat(header(dead, "trace")).isEqualTo("t-1");
        assertThat(header(dead, "dlq.error.class")).isEqualTo(CodecException.class.getName());
        assertThat(header(dead, "dlq.error.message")).contains("PurchaseEvent");
        assertThat(header(dead, "dlq.source.topic")).isEqualTo(Topics.PURCHASE_EVENTS);
        assertThat(header(dead, "dlq.source.partition")).isEqualTo("0");
        assertThat(header(dead, "dlq.source.offset")).isEqualTo("0");
        assertThat(header(dead, "dlq.failed.at")).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(routes).containsEntry(Topics.PURCHASE_EVENTS + "/dlq", 1);
    }

    @Test
    void ruleBreakingEventsGoToTheDlqWithEveryBrokenRule() {
        InventoryEvent broken = InventoryEvent.newBuilder().setEventId("e-9").setProductId("p-1").setWarehouseId("w-1")
                .setOperation(InventoryOperation.ADJUSTMENT).setQuantityChange(0).setCurrentQuantity(-1)
                .setEventTime(Instant.parse("2026-11-21T09:00:00Z")).build();

        input(Topics.INVENTORY_EVENTS).pipeInput("p-1", Codecs.INVENTORY.encode(broken));

        TestRecord<String, byte[]> dead = dlq(Topics.INVENTORY_EVENTS).readRecord();
        assertThat(dead.value()).isEqualTo(Codecs.INVENTORY.encode(broken));
        assertThat(header(dead, "dlq.error.class")).isEqualTo(InvalidEventException.class.getName());
        assertThat(header(dead, "dlq.error.message"))
                .isEqualTo("quantity_change: must not be 0; current_quantity: must be at least 0, was -1");
    }

    @Test
    void eventTimeIsJudgedAgainstTheProcessorsClock() {
        input(Topics.CLICK_EVENTS).pipeInput("u-1", Codecs.CLICK.encode(click("e-1", WALL_CLOCK.plusSeconds(300))));
        input(Topics.CLICK_EVENTS).pipeInput("u-1", Codecs.CLICK.encode(click("e-2", WALL_CLOCK.plusSeconds(300).plusMillis(1))));

        TestOutputTopic<String, byte[]> dlq = dlq(Topics.CLICK_EVENTS);
        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(Codecs.CLICK.decode(dead.value()).getEventId()).isEqualTo("e-2");
        assertThat(header(dead, "dlq.source.offset")).isEqualTo("1");
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(routes).containsEntry(Topics.CLICK_EVENTS + "/valid", 1).containsEntry(Topics.CLICK_EVENTS + "/dlq", 1);
    }

    @Test
    void aRejectedEventDoesNotMoveItsPartitionsStreamTime() {
        TestInputTopic<String, byte[]> clicks = input(Topics.CLICK_EVENTS);
        ClickEvent badCountry = click("e-1", WALL_CLOCK.plusSeconds(240));
        badCountry.setCountry("XX");
        clicks.pipeInput("u-1", Codecs.CLICK.encode(badCountry));                            // 10:04, invalid
        clicks.pipeInput("u-1", Codecs.CLICK.encode(click("e-2", WALL_CLOCK.plusSeconds(301)))); // too far ahead
        // Had either moved the stream time, 09:49:30 would be more than the 10 minutes' grace behind it: late.
        clicks.pipeInput("u-1", Codecs.CLICK.encode(click("e-3", WALL_CLOCK.minusSeconds(630))));

        assertThat(dlq(Topics.CLICK_EVENTS).readRecordsToList()).hasSize(2);
        assertThat(routes).containsEntry(Topics.CLICK_EVENTS + "/valid", 1).doesNotContainKey(Topics.CLICK_EVENTS + "/late");
    }

    @Test
    void theStreamKeepsFlowingAfterBadRecords() {
        TestInputTopic<String, byte[]> clicks = input(Topics.CLICK_EVENTS);
        clicks.pipeInput("u-1", new byte[] {(byte) 0xC3, 0x01, 1, 2});
        clicks.pipeInput("u-1", null);
        clicks.pipeInput("u-1", Codecs.CLICK.encode(click("e-3", WALL_CLOCK.minusSeconds(1))));

        assertThat(dlq(Topics.CLICK_EVENTS).readRecordsToList()).hasSize(2);
        assertThat(routes).containsEntry(Topics.CLICK_EVENTS + "/valid", 1);
    }

    @Test
    void aDeadLetterKeepsItsKeyByteForByteEvenWhenItIsNotText() {
        byte[] key = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF}; // not UTF-8: a String round trip would change it
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

        driver.createInputTopic(Topics.CLICK_EVENTS, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(key, garbage, Instant.parse("2026-11-21T09:59:00Z"));

        TestRecord<byte[], byte[]> dead = driver.createOutputTopic(Topics.deadLetterOf(Topics.CLICK_EVENTS),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecord();
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(garbage);
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<String, byte[]> dlq(String topic) {
        return driver.createOutputTopic(Topics.deadLetterOf(topic), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(TestRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ClickEvent click(String id, Instant time) {
        return ClickEvent.newBuilder().setEventId(id).setUserId("u-1").setSessionId("s-1")
                .setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry("US").setEventTime(time).build();
    }
}

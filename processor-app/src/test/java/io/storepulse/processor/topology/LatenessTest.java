package io.storepulse.processor.topology;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.errors.LateEventException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT section 7: late means older than the input partition's stream time minus the grace (10 minutes). */
class LatenessTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T12:00:00.000Z");
    private static final Instant T = Instant.parse("2026-11-21T10:00:00.000Z");

    private final Map<String, Integer> routes = new HashMap<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clicks;
    private TestInputTopic<String, byte[]> purchases;
    private TestOutputTopic<String, byte[]> late;

    @BeforeEach
    void start() {
        driver = TopologyTestSettings.driver("lateness-test", WALL_CLOCK,
                (topic, route) -> routes.merge(topic + "/" + route, 1, Integer::sum));
        clicks = TopologyTestSettings.input(driver, Topics.CLICK_EVENTS);
        purchases = TopologyTestSettings.input(driver, Topics.PURCHASE_EVENTS);
        late = driver.createOutputTopic(Topics.LATE_EVENTS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void exactlyGraceBehindStreamTimeStillCountsOneMillisecondMoreIsLate() {
        click("e-1", T);
        click("e-2", T.plusSeconds(20 * 60));             // stream time 10:20:00.000
        click("e-3", T.plusSeconds(10 * 60));             // 10:10:00.000 = stream time - grace: on time
        byte[] lateBytes = click("e-4", T.plusSeconds(10 * 60).minusMillis(1)); // 10:09:59.999: late by 600,001 ms

        TestRecord<String, byte[]> record = late.readRecord();
        assertThat(late.isEmpty()).isTrue();
        assertThat(record.key()).isEqualTo("u-1");
        assertThat(record.value()).isEqualTo(lateBytes);
        assertThat(header(record, "late.by.ms")).isEqualTo("600001");
        assertThat(header(record, "dlq.error.class")).isEqualTo(LateEventException.class.getName());
        assertThat(header(record, "dlq.error.message")).isEqualTo("event_time 2026-11-21T10:09:59.999Z is older than the "
                + "partition's stream time 2026-11-21T10:20:00Z minus the grace period PT10M");
        assertThat(header(record, "dlq.source.topic")).isEqualTo(Topics.CLICK_EVENTS);
        assertThat(header(record, "dlq.source.partition")).isEqualTo("0");
        assertThat(header(record, "dlq.source.offset")).isEqualTo("3");
        assertThat(header(record, "dlq.failed.at")).isEqualTo("2026-11-21T12:00:00Z");
        assertThat(routes).containsEntry(Topics.CLICK_EVENTS + "/valid", 3).containsEntry(Topics.CLICK_EVENTS + "/late", 1);
    }

    @Test
    void outOfOrderWithinGraceNeitherIsLateNorMovesStreamTimeBack() {
        click("e-1", T.plusSeconds(30 * 60));             // stream time 10:30
        click("e-2", T.plusSeconds(25 * 60));             // 5 min behind: on time, stream time stays 10:30
        click("e-3", T.plusSeconds(21 * 60));             // 9 min behind 10:30: on time
        click("e-4", T.plusSeconds(19 * 60));             // 11 min behind 10:30: late by 660,000 ms

        List<TestRecord<String, byte[]>> lateRecords = late.readRecordsToList();
        assertThat(lateRecords).hasSize(1);
        assertThat(header(lateRecords.get(0), "late.by.ms")).isEqualTo("660000");
    }

    @Test
    void aLateEventDoesNotAdvanceStreamTime() {
        click("e-1", T.plusSeconds(30 * 60));             // stream time 10:30
        click("e-2", T);                                   // late by 30 min
        click("e-3", T.plusSeconds(20 * 60));             // 10 min behind 10:30: on time

        assertThat(late.readRecordsToList()).extracting(r -> Codecs.CLICK.decode(r.value()).getEventId())
                .containsExactly("e-2");
    }

    @Test
    void streamTimeBelongsToTheInputPartitionNotToTheTask() {
        click("e-1", T.plusSeconds(60 * 60));             // click-events partition 0: 11:00
        purchase("e-2", T);                                // purchase-events partition 0 has seen nothing: on time
        purchase("e-3", T.plusSeconds(5 * 60));
        click("e-4", T.plusSeconds(45 * 60));             // 15 min behind the clicks' 11:00: late

        assertThat(late.readRecordsToList()).extracting(TestRecord::key).containsExactly("u-1");
        assertThat(routes).containsEntry(Topics.PURCHASE_EVENTS + "/valid", 2).doesNotContainKey(Topics.PURCHASE_EVENTS + "/late");
    }

    @Test
    void invalidRecordsDoNotMoveStreamTime() {
        click("e-1", T);
        clicks.pipeInput("u-1", "garbage".getBytes(StandardCharsets.UTF_8));
        click("e-2", T.minusSeconds(9 * 60));              // 9 min behind 10:00: on time

        assertThat(late.isEmpty()).isTrue();
    }

    private byte[] click(String id, Instant time) {
        byte[] bytes = Codecs.CLICK.encode(ClickEvent.newBuilder().setEventId(id).setUserId("u-1").setSessionId("s-1")
                .setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry("US").setEventTime(time).build());
        clicks.pipeInput("u-1", bytes, time);
        return bytes;
    }

    private void purchase(String id, Instant time) {
        purchases.pipeInput("u-2", Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id).setUserId("u-2")
                .setSessionId("s-2").setOrderId("o-" + id).setItems(List.of(new PurchaseItem("p-1", 1, new BigDecimal("9.99"))))
                .setAmount(new BigDecimal("9.99")).setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD)
                .setIpAddress("203.0.113.8").setCountry("US").setDeviceType(DeviceType.MOBILE).setEventTime(time).build()), time);
    }

    private static String header(TestRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
